// The few protobuf encodings ONNX needs (proto2 wire format): varints, length-delimited strings,
// bytes and sub-messages, and unpacked repeated float/int64 (proto2's default, accepted everywhere).

const utf8 = new TextEncoder();

export class ProtoWriter {
  private readonly bytes: number[] = [];

  private raw(b: number): void {
    this.bytes.push(b & 0xff);
  }

  private varintRaw(value: number | bigint): void {
    // int64 on the wire: negative numbers are their 64-bit two's complement (10 bytes).
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.raw(b);
    } while (v !== 0n);
  }

  private tag(field: number, wire: 0 | 1 | 2 | 5): void {
    this.varintRaw((field << 3) | wire);
  }

  private lengthDelimited(field: number, data: ArrayLike<number>): void {
    this.tag(field, 2);
    this.varintRaw(data.length);
    for (let i = 0; i < data.length; i++) this.raw(data[i]!);
  }

  int(field: number, value: number | bigint): this {
    if (typeof value === 'number' && !Number.isInteger(value)) throw new Error(`protobuf int field ${field}: ${value} is not an integer`);
    this.tag(field, 0);
    this.varintRaw(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    b.forEach((x) => this.raw(x));
    return this;
  }

  string(field: number, value: string): this {
    this.lengthDelimited(field, utf8.encode(value));
    return this;
  }

  message(field: number, value: ProtoWriter): this {
    this.lengthDelimited(field, value.bytes);
    return this;
  }

  floats(field: number, values: readonly number[]): this {
    for (const v of values) this.float(field, v);
    return this;
  }

  ints(field: number, values: readonly (number | bigint)[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  strings(field: number, values: readonly string[]): this {
    for (const v of values) this.string(field, v);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
