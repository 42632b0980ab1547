// @ts-check
// Decodes one uploaded PNG or JPEG in a child process and sends back an upright PNG no larger than
// the requested size. @napi-rs/canvas 0.1.100 crashes the whole process (SIGSEGV) on some damaged
// images instead of throwing, so decoding never runs inside the server. Plain JavaScript because
// Node 20 cannot run TypeScript in a child process; the typed wrapper is images.ts.
import { createCanvas, loadImage } from '@napi-rs/canvas';

if (!process.send) throw new Error('image-worker.mjs must run as a child process with an IPC channel');
const send = process.send.bind(process);

/**
 * @param {{ bytes: Uint8Array, maxSide: number }} request
 */
async function prepare({ bytes, maxSide }) {
  // loadImage applies the EXIF orientation of JPEG photos, so width and height are as displayed.
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width, height } = image;
  if (!width || !height) throw new Error('the image has no pixels');

  const scale = Math.min(1, maxSide / Math.max(width, height));
  const canvas = createCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  const context = canvas.getContext('2d');
  // Transparent areas become white, as on paper, so that OCR does not read them as black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await canvas.encode('png');
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: canvas.width, height: canvas.height, originalWidth: width, originalHeight: height };
}

process.once('message', async (request) => {
  try {
    send({ ok: true, result: await prepare(/** @type {any} */ (request)) }, () => process.exit(0));
  } catch (error) {
    send({ ok: false, message: String(/** @type {Error} */ (error)?.message ?? error) }, () => process.exit(0));
  }
});
