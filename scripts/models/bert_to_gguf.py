"""Convert a BERT sentence-embedding model (safetensors) into a GGUF file that llama.cpp can load.

llama.cpp's own converter needs PyTorch and transformers, gigabytes that CI would download for a
45 MB model. This one needs only the `gguf` package and numpy, and handles one architecture:
BertModel with absolute positions and mean or CLS pooling, such as all-MiniLM-L6-v2.

Usage: python bert_to_gguf.py MODEL_DIR OUTPUT.gguf
"""

import json
import struct
import sys
from pathlib import Path

import gguf
import numpy as np

SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
# Tensors that embedding needs no part of: the pretraining heads and the unused pooler.
SKIPPED_PREFIXES = ("pooler.", "cls.", "embeddings.position_ids")


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read every tensor of a safetensors file: an 8-byte header length, a JSON header, then raw data."""
    raw = path.read_bytes()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_length])
    data = memoryview(raw)[8 + header_length :]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = SAFETENSORS_DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"Tensor {name} has dtype {entry['dtype']}; only F32, F16 and I64 are supported.")
        start, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(entry["shape"])
    return tensors


def read_pooling_type(model_dir: Path) -> gguf.PoolingType:
    """Read the sentence-transformers pooling settings; mean pooling when the model has none."""
    config_path = model_dir / "1_Pooling" / "config.json"
    if not config_path.exists():
        return gguf.PoolingType.MEAN
    config = json.loads(config_path.read_text())
    if config.get("pooling_mode_cls_token"):
        return gguf.PoolingType.CLS
    if config.get("pooling_mode_mean_tokens"):
        return gguf.PoolingType.MEAN
    raise ValueError(f"{config_path} asks for a pooling mode that llama.cpp does not offer; use mean or CLS pooling.")


def write_vocabulary(writer: gguf.GGUFWriter, model_dir: Path, vocab_size: int) -> None:
    """Write the WordPiece vocabulary in llama.cpp's form, where a word start carries U+2581 and a continuation drops its '##'."""
    tokenizer = json.loads((model_dir / "tokenizer.json").read_text())
    by_id = {token_id: token for token, token_id in tokenizer["model"]["vocab"].items()}
    special = {added["content"] for added in tokenizer.get("added_tokens", []) if added.get("special")}
    if len(by_id) != vocab_size:
        raise ValueError(f"tokenizer.json has {len(by_id)} tokens but the model expects {vocab_size}.")

    tokens, token_types = [], []
    for token_id in range(vocab_size):
        token = by_id[token_id]
        if token in special:
            tokens.append(token)
            token_types.append(gguf.TokenType.CONTROL)
        elif token.startswith("##"):
            tokens.append(token[2:])
            token_types.append(gguf.TokenType.NORMAL)
        else:
            tokens.append("\u2581" + token)
            token_types.append(gguf.TokenType.NORMAL)

    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types(token_types)
    gguf.SpecialVocab(model_dir, n_vocab=vocab_size).add_to_gguf(writer)


def convert(model_dir: Path, output: Path) -> None:
    config = json.loads((model_dir / "config.json").read_text())
    if config.get("architectures") != ["BertModel"] or config.get("position_embedding_type", "absolute") != "absolute":
        raise ValueError(f"{model_dir} is not a BertModel with absolute positions; this converter handles only that.")

    block_count = config["num_hidden_layers"]
    writer = gguf.GGUFWriter(output, gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.BERT])
    writer.add_name(model_dir.name)
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_block_count(block_count)
    writer.add_head_count(config["num_attention_heads"])
    writer.add_layer_norm_eps(config["layer_norm_eps"])
    writer.add_causal_attention(False)
    writer.add_pooling_type(read_pooling_type(model_dir))
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    writer.add_token_type_count(config.get("type_vocab_size", 1))
    write_vocabulary(writer, model_dir, config["vocab_size"])

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, block_count)
    for name, tensor in read_safetensors(model_dir / "model.safetensors").items():
        name = name.removeprefix("bert.")
        if name.startswith(SKIPPED_PREFIXES):
            continue
        gguf_name = names.get_name(name, try_suffixes=(".weight", ".bias"))
        if gguf_name is None:
            raise ValueError(f"Tensor {name} has no llama.cpp name for BERT; the model is not a plain BertModel.")
        # Matrices become F16, halving the file. Norms, biases and the token-type table stay F32,
        # because llama.cpp adds the token-type row to F32 activations directly.
        keep_f32 = tensor.ndim == 1 or gguf_name == "token_types.weight"
        writer.add_tensor(gguf_name, tensor.astype(np.float32 if keep_f32 else np.float16))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("Usage: python bert_to_gguf.py MODEL_DIR OUTPUT.gguf")
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
