/** Checksums of stored blobs, so a torn write or bit rot is detected when a room loads. */

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE, as in zip and PNG) of `data`, as an unsigned 32-bit integer. Table-driven: fast enough to run on every stored update. */
export function crc32(data: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}
