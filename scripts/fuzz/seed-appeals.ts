/**
 * Appeals the fuzzer's requests can name: without them every lookup of an appeal, a task or a
 * registration number is a 404, and the code behind it is never reached.
 */
export interface Seeds {
  appealIds: string[];
  registrationNumbers: string[];
}

const TEXTS = [
  'Протекает крыша в доме 5 по улице Ленина, вода течёт в квартиру на пятом этаже, управляющая компания не отвечает.',
  'На дороге по улице Садовой у дома 12 глубокая яма, машины объезжают её по встречной полосе.',
];

/** Posts the appeals on the site form and waits until the registry has each of them. */
export async function seedAppeals(urls: { ingest: string; registry: string }): Promise<Seeds> {
  const seeds: Seeds = { appealIds: [], registrationNumbers: [] };
  for (const [index, text] of TEXTS.entries()) {
    const response = await fetch(`${urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `fuzz-seed-${index}` },
      body: JSON.stringify({ text, author: { name: 'Кузнецова Мария Павловна', email: 'kuznetsova@example.org' } }),
    });
    if (response.status !== 202) throw new Error(`seeding an appeal: ingest answered ${response.status}`);
    const { id, registrationNumber } = (await response.json()) as { id: string; registrationNumber: string };
    seeds.appealIds.push(id);
    seeds.registrationNumbers.push(registrationNumber);
  }
  const deadline = Date.now() + 60_000;
  for (const id of seeds.appealIds) {
    while ((await fetch(`${urls.registry}/v1/appeals/${id}/status`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`seeding: the registry did not get appeal ${id} within a minute`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return seeds;
}

/** The values the seeded appeals give each parameter that names an appeal. */
function seededValues(name: string, seeds: Seeds): string[] | undefined {
  if (name === 'id' || name === 'appealId' || name === 'service_request_id') return seeds.appealIds;
  if (name === 'registrationNumber') return seeds.registrationNumbers;
  if (name === 'token') return seeds.registrationNumbers.map((number) => number.replace('/', '-'));
  return undefined;
}

/** The document with the seeded appeals as examples of the parameters that name an appeal. */
export function withSeededExamples(document: Record<string, unknown>, seeds: Seeds): Record<string, unknown> {
  const copy = structuredClone(document);
  const paths = (copy.paths ?? {}) as Record<string, Record<string, { parameters?: { name: string; schema?: Record<string, unknown> }[] }>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        const values = seededValues(parameter.name, seeds);
        if (values === undefined || values.length === 0) continue;
        parameter.schema = { ...parameter.schema, example: values[0], examples: values };
      }
    }
  }
  return copy;
}
