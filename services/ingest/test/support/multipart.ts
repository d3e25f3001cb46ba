/** A multipart/form-data body as a browser's form would send it, encoded by the platform's own FormData. */
export async function multipartBody(fields: Record<string, string>, files: { field: string; name: string; type: string; content: Buffer }[]) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
export const PDF_BYTES = Buffer.from('%PDF-1.4\n% a scanned letter\n%%EOF\n', 'latin1');
