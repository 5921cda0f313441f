/** A numeric NumPy array read from the .npy format. */
export interface NumericArray {
  /** numpy's dtype string, e.g. "<f4". */
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  values: ArrayLike<number>;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Reader = (view: DataView, offset: number, littleEndian: boolean) => number;
const READERS: Record<string, { size: number; read: Reader }> = {
  f4: { size: 4, read: (view, offset, little) => view.getFloat32(offset, little) },
  f8: { size: 8, read: (view, offset, little) => view.getFloat64(offset, little) },
  i1: { size: 1, read: (view, offset) => view.getInt8(offset) },
  i2: { size: 2, read: (view, offset, little) => view.getInt16(offset, little) },
  i4: { size: 4, read: (view, offset, little) => view.getInt32(offset, little) },
  // int64 beyond 2^53 loses precision as a double; comparisons of such counters are approximate.
  i8: { size: 8, read: (view, offset, little) => Number(view.getBigInt64(offset, little)) },
  u1: { size: 1, read: (view, offset) => view.getUint8(offset) },
  u2: { size: 2, read: (view, offset, little) => view.getUint16(offset, little) },
  u4: { size: 4, read: (view, offset, little) => view.getUint32(offset, little) },
  u8: { size: 8, read: (view, offset, little) => Number(view.getBigUint64(offset, little)) },
  b1: { size: 1, read: (view, offset) => view.getUint8(offset) },
};

/**
 * Reads an .npy file (format versions 1, 2 and 3) holding booleans, integers or floats of either
 * byte order. Other dtypes (strings, objects, float16, complex, structured) return a reason
 * instead, and the caller compares those files byte for byte.
 * Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
export function readNpy(bytes: Uint8Array): NumericArray | { unsupported: string } {
  if (bytes.length < 10 || MAGIC.some((byte, index) => bytes[index] !== byte))
    return { unsupported: 'not an .npy file (no \\x93NUMPY magic)' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );

  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortranOrder = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined)
    return { unsupported: `unreadable .npy header ${header}` };
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);

  const order = descr[0];
  const reader = READERS[descr.slice(1)];
  if (!reader || !['<', '>', '|', '='].includes(order ?? '')) return { unsupported: `dtype ${descr}` };
  const littleEndian = order !== '>';
  const count = shape.reduce((product, size) => product * size, 1);
  const dataStart = headerStart + headerLength;
  if (dataStart + count * reader.size > bytes.length) return { unsupported: 'truncated .npy data' };

  const values = new Float64Array(count);
  for (let index = 0; index < count; index += 1)
    values[index] = reader.read(view, dataStart + index * reader.size, littleEndian);
  return { dtype: descr, shape, fortranOrder, values };
}

/** The index of the element at a flat position, e.g. "[1, 4, 7]", in C or Fortran order. */
export function elementIndex(flat: number, shape: number[], fortranOrder: boolean): string {
  const index = new Array<number>(shape.length).fill(0);
  const axes = [...shape.keys()];
  let rest = flat;
  for (const axis of fortranOrder ? axes : axes.reverse()) {
    const size = shape[axis] ?? 1;
    index[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return `[${index.join(', ')}]`;
}
