import { createHash } from 'node:crypto';
import { AppealReceived } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { createAttachmentStore } from '../src/data-access/attachment-store.js';
import {
  aSubmission,
  infra,
  startIngest,
  startIngestScenarioEach,
  type Acknowledgement,
  type ErrorResponse,
  type IngestContext,
} from './support/ingest-harness.js';
import { multipartBody, PDF_BYTES, PNG_BYTES } from './support/multipart.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

describe.concurrent('POST /v1/appeals with attachments (multipart/form-data)', () => {
  let registry: RegistryStub;

  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  it<IngestContext>('when the appeal comes with a photo and a scan, stores both and publishes the appeal with their references', async ({ scenario, expect }) => {
    const submission = aSubmission('with files');
    const form = await multipartBody({ appeal: JSON.stringify(submission) }, [
      { field: 'attachments', name: 'yard.png', type: 'image/png', content: PNG_BYTES },
      { field: 'attachments', name: 'letter.pdf', type: 'application/pdf', content: PDF_BYTES },
    ]);

    const response = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', ...form });

    expect(response.statusCode).toBe(202);
    const { id } = response.json<Acknowledgement>();
    const [message] = await scenario.received.waitForAppeal(id);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal.text).toBe(submission.text);
    expect(appeal.raw.format).toBe('multipart');
    expect(appeal.attachments.map(({ fileName, contentType, size, sha256 }) => ({ fileName, contentType, size, sha256 }))).toEqual([
      { fileName: 'yard.png', contentType: 'image/png', size: PNG_BYTES.length, sha256: sha256(PNG_BYTES) },
      { fileName: 'letter.pdf', contentType: 'application/pdf', size: PDF_BYTES.length, sha256: sha256(PDF_BYTES) },
    ]);

    const database = await connectDatabase(infra.mongoUrl, scenario.dbName);
    try {
      const store = createAttachmentStore(database.db);
      expect(await store.read(appeal.attachments[0]?.attachmentId ?? '')).toEqual(PNG_BYTES);
      expect(await store.read(appeal.attachments[1]?.attachmentId ?? '')).toEqual(PDF_BYTES);
    } finally {
      await database.close();
    }
  });

  it<IngestContext>('when the same form with the same files is sent again under its Idempotency-Key, returns the first registration', async ({ scenario, expect }) => {
    const form = await multipartBody({ appeal: JSON.stringify(aSubmission('resent with files')) }, [{ field: 'attachments', name: 'yard.png', type: 'image/png', content: PNG_BYTES }]);
    const post = () => scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', payload: form.payload, headers: { ...form.headers, 'idempotency-key': 'form-with-files-1' } });

    const first = await post();
    const again = await post();

    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json<Acknowledgement>()).toEqual(first.json<Acknowledgement>());
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  const rejected = [
    {
      condition: 'a file is of a type not accepted',
      files: [{ field: 'attachments', name: 'run.exe', type: 'application/x-msdownload', content: Buffer.from('MZ-not-accepted') }],
      status: 415,
      field: 'attachments[0]',
    },
    {
      condition: 'a file claims to be a PDF but is not',
      files: [{ field: 'attachments', name: 'scan.pdf', type: 'application/pdf', content: Buffer.from('<html>not a pdf</html>') }],
      status: 400,
      field: 'attachments[0]',
    },
    {
      condition: 'a file has no name',
      files: [{ field: 'attachments', name: 'photos/', type: 'image/png', content: PNG_BYTES }],
      status: 400,
      field: 'attachments[0]',
    },
    {
      condition: 'a file comes under an unknown field',
      files: [{ field: 'photo', name: 'yard.png', type: 'image/png', content: PNG_BYTES }],
      status: 400,
      field: 'photo',
    },
  ];
  for (const { condition, files, status, field } of rejected) {
    it<IngestContext>(`when ${condition}, answers ${status} naming ${field} and publishes nothing`, async ({ scenario, expect }) => {
      const form = await multipartBody({ appeal: JSON.stringify(aSubmission(condition)) }, files);

      const response = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', ...form });

      expect(response.statusCode).toBe(status);
      expect(response.json<ErrorResponse>().fields?.map((f) => f.field)).toEqual([field]);
      await scenario.received.readToEnd();
      expect(scenario.received.messages).toHaveLength(0);
    });
  }

  it<IngestContext>('when the appeal field is missing, answers 400 naming appeal', async ({ scenario, expect }) => {
    const form = await multipartBody({}, [{ field: 'attachments', name: 'yard.png', type: 'image/png', content: PNG_BYTES }]);
    const response = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', ...form });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().fields?.map((f) => f.field)).toEqual(['appeal']);
  });

  it<IngestContext>('when the appeal inside the form lacks its text, answers 400 naming appeal.text', async ({ scenario, expect }) => {
    const { text: _text, ...withoutText } = aSubmission('no text');
    const form = await multipartBody({ appeal: JSON.stringify(withoutText) }, []);
    const response = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', ...form });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().fields?.map((f) => f.field)).toEqual(['appeal.text']);
  });

  it<IngestContext>('when the multipart body has no boundary or is cut short, answers 400 naming body', async ({ scenario, expect }) => {
    const form = await multipartBody({ appeal: JSON.stringify(aSubmission('cut short')) }, [{ field: 'attachments', name: 'yard.png', type: 'image/png', content: PNG_BYTES }]);
    const noBoundary = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', payload: form.payload, headers: { 'content-type': 'multipart/form-data' } });
    const cutShort = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/appeals', payload: form.payload.subarray(0, form.payload.length - 40), headers: form.headers });
    for (const response of [noBoundary, cutShort]) {
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorResponse>().fields?.map((f) => f.field)).toEqual(['body']);
    }
  });

  it<IngestContext>('when the content type is neither JSON nor a form, answers 415 naming content-type', async ({ scenario, expect }) => {
    const response = await scenario.ingest.app.inject({
      method: 'POST',
      url: '/v1/appeals',
      payload: '<appeal/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>().fields?.map((f) => f.field)).toEqual(['content-type']);
  });
});

describe('POST /v1/appeals with attachments over the limits', () => {
  it('when a file is larger than allowed or there are too many files, answers 413 naming attachments and publishes nothing', async ({ expect, onTestFinished }) => {
    const registry = await startRegistryStub();
    onTestFinished(() => registry.close());
    const { createTestKafka, uniqueName, collectTopics } = await import('@priemnaya/testing');
    const testKafka = await createTestKafka(infra, [], 'ingest');
    onTestFinished(() => testKafka.dispose());
    const received = await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]);
    onTestFinished(() => received.stop());
    const ingest = await startIngest({
      kafka: testKafka.kafka,
      names: testKafka.names,
      dbName: uniqueName('ingest'),
      registryUrl: registry.url,
      attachmentLimits: { maxFiles: 2, maxFileBytes: 1024 },
    });
    onTestFinished(() => ingest.close());
    const appeal = JSON.stringify(aSubmission('limits'));
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(2048)]);

    const tooLarge = await ingest.app.inject({
      method: 'POST',
      url: '/v1/appeals',
      ...(await multipartBody({ appeal }, [{ field: 'attachments', name: 'big.png', type: 'image/png', content: big }])),
    });
    const tooMany = await ingest.app.inject({
      method: 'POST',
      url: '/v1/appeals',
      ...(await multipartBody(
        { appeal },
        [1, 2, 3].map((n) => ({ field: 'attachments', name: `photo-${n}.png`, type: 'image/png', content: PNG_BYTES })),
      )),
    });

    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<ErrorResponse>()).toMatchObject({ code: 'attachment_too_large', fields: [{ field: 'attachments' }] });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json<ErrorResponse>()).toMatchObject({ code: 'too_many_attachments', fields: [{ field: 'attachments' }] });
    await received.readToEnd();
    expect(received.messages).toHaveLength(0);
  });
});

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
