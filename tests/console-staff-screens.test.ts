import { createStaffTokens } from '@priemnaya/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devStaffTokenSecret } from '../scripts/auth/dev-secret.js';
import type { RunningFleet } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';
import { focusedId, launchChromium, screenshot, signedIn, type Browser, type Page } from '../services/console/test/support/browser.js';

const tokens = createStaffTokens(devStaffTokenSecret());
const DAY = 24 * 3_600_000;
/** Live updates reach the page within seconds; this is how long a step may wait for one. */
const LIVE = { timeout: 60_000 };

/**
 * The staff console in a real browser (Debian's Chromium) over the real fleet: an operator
 * registers an oral appeal with the keyboard alone and reads back its number; the task appears
 * live in the housing unit's inbox; a supervisor sees a warning appear when the monitor's clock
 * passes the deadline's stages; the executor accepts and answers from the appeal card.
 */
describe('the staff console in a browser', () => {
  let isolated: IsolatedFleet;
  let fleet: RunningFleet;
  let browser: Browser;
  let operator: Page;
  let executor: Page;
  let supervisor: Page;
  const token = {} as Record<'operator' | 'executor' | 'supervisor' | 'administrator', string>;
  let registrationNumber = '';
  let triagedNumber = '';

  beforeAll(async () => {
    // First, as installing Chromium on a fresh machine takes a while and needs no fleet.
    browser = await launchChromium();
    isolated = await startIsolatedFleet('console', { extraEnv: { TEST_CLOCK: 'on' }, readyTimeoutMs: 240_000 });
    fleet = isolated.fleet;
    token.operator = await tokens.issue({ staffId: 'operator-petrova', role: 'intake-operator', units: [] });
    token.executor = await tokens.issue({ staffId: 'ivanova', role: 'executor', units: ['zhkh'] });
    token.supervisor = await tokens.issue({ staffId: 'head-zhkh', role: 'supervisor', units: ['zhkh'] });
    token.administrator = await tokens.issue({ staffId: 'admin', role: 'administrator', units: [] });
    executor = await signedIn(browser, fleet.urls.console, token.executor);
    supervisor = await signedIn(browser, fleet.urls.console, token.supervisor, { movableClock: true });
    operator = await signedIn(browser, fleet.urls.console, token.operator);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await isolated?.dispose();
  });

  it('an operator registers an oral appeal with the keyboard alone and reads back its number', async () => {
    await expect.poll(() => focusedId(operator)).toBe('citizen-name');
    await screenshot(operator, '01-operator-empty-card');
    // Submitting an empty card marks the fields at fault beside them, in Russian.
    await operator.keyboard.press('Enter');
    await operator.getByTestId('error-citizen-name').waitFor();
    expect(await operator.getByTestId('error-citizen-name').textContent()).toBe('Заполните поле');
    expect(await operator.getByTestId('error-appeal-text').textContent()).toBe('Заполните поле');
    await screenshot(operator, '02-operator-errors');

    await operator.keyboard.type('Смирнова Анна Викторовна');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('+7 (912) 555-01-23');
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('г. Курск, ул. Ленина, д. 5, кв. 12');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('ул. Ленина, д. 5');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('Третий день нет горячей воды в доме, управляющая компания не отвечает');
    // The topic and unit come up while typing, with the reason.
    const suggestion = operator.getByTestId('suggestion').first();
    await suggestion.waitFor(LIVE);
    expect(await suggestion.textContent()).toContain('zhkh');
    expect(await suggestion.textContent()).toContain('Почему');
    await screenshot(operator, '03-operator-card-with-suggestion');

    // 59-ФЗ ст. 13 ч. 2: the document the citizen presented, and the official who receives them.
    await operator.locator('#document-number').fill('38 04 123456');
    await operator.locator('#official-name').fill('Соколов Андрей Ильич');
    await operator.locator('#official-position').fill('заместитель главы');
    await operator.locator('#official-id').fill('head-1');
    await operator.keyboard.press('Control+Enter');
    const number = operator.getByTestId('registration-number');
    await number.waitFor(LIVE);
    registrationNumber = (await number.textContent()) ?? '';
    expect(registrationNumber).toMatch(/^\d{5}\/\d{4}$/);
    await screenshot(operator, '04-operator-registered');
  });

  it('the appeal appears live in the housing unit’s inbox, with the time left', async () => {
    const row = executor.locator(`[data-testid="inbox-task"][data-number="${registrationNumber}"]`);
    await row.waitFor(LIVE);
    await expect.poll(async () => row.getByTestId('time-left').textContent(), LIVE).toMatch(/^осталось \d+ дн\. \d+ ч$|^осталось \d+ дн\.$/);
    await screenshot(executor, '05-executor-inbox');
  });

  it('the operator is warned, with a link, when the same citizen comes again on the same matter', async () => {
    await operator.keyboard.press('Enter');
    await expect.poll(() => focusedId(operator)).toBe('citizen-name');
    await operator.keyboard.type('Смирнова Анна Викторовна');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('+7 (912) 555-01-23');
    for (let i = 0; i < 4; i++) await operator.keyboard.press('Tab');
    await operator.keyboard.type('Снова нет горячей воды в доме');
    const warning = operator.getByTestId('similar-warning');
    await warning.waitFor(LIVE);
    expect(await warning.locator('a').first().textContent()).toBe(registrationNumber);
    await screenshot(operator, '06-operator-repeat-warning');
  });

  it('a supervisor sees a warning appear when the monitor’s clock passes the deadline’s stages', async () => {
    await supervisor.getByTestId('unit-charts').waitFor();
    await screenshot(supervisor, '07-supervisor-before');
    const overdue = supervisor.getByTestId('overdue').getByTestId('alert').filter({ hasText: registrationNumber });
    expect(await overdue.count()).toBe(0);
    // Past the 30-day answer term: every stage of the appeal's clock is due at once.
    const advanced = await fetch(`${fleet.urls.monitor}/_test/clock/advance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.administrator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 45 * DAY }),
    });
    expect(advanced.status).toBe(200);
    await supervisor.clock.fastForward(45 * DAY);
    await overdue.first().waitFor(LIVE);
    // Once overdue, the appeal leaves the at-risk list: each appeal is listed once.
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('срок истёк');
    expect(await overdue.getByTestId('time-left').textContent()).toMatch(/^просрочено на \d+ дн\./);
    expect(await supervisor.getByTestId('at-risk').getByTestId('alert').filter({ hasText: registrationNumber }).count()).toBe(0);
    await screenshot(supervisor, '08-supervisor-alerts');
  });

  it('the executor accepts and answers from the appeal card', async () => {
    await executor.locator(`[data-testid="inbox-task"][data-number="${registrationNumber}"] a`).first().click();
    await executor.getByRole('button', { name: 'Принять в работу' }).click();
    await executor.getByRole('button', { name: 'Ответить' }).click(LIVE);
    // An empty answer is refused beside the field.
    await executor.getByRole('button', { name: 'Отправить ответ' }).click();
    await executor.getByTestId('error-answer-text').waitFor();
    await executor.locator('#answer-text').fill('Подача горячей воды восстановлена 24 ноября, управляющей компании выдано предписание.');
    await executor.keyboard.press('Control+Enter');
    await expect.poll(() => executor.getByTestId('appeal-status').textContent(), LIVE).toBe('дан ответ');
    await screenshot(executor, '09-executor-answered');
  });

  it('an operator decides an appeal the router was not sure about with one choice, and it reaches that unit', async () => {
    const posted = await fetch(`${fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Благодарю за внимание к моему вопросу.', author: { name: 'Орлова Нина Петровна', email: 'orlova@example.org' } }),
    });
    expect(posted.status).toBe(202);
    const { registrationNumber: triaged } = (await posted.json()) as { registrationNumber: string };
    await operator.goto(`${fleet.urls.console}/#/triage`);
    const entry = operator.getByTestId('triage-entry').filter({ hasText: triaged });
    // The queue is read again every 10 s; the appeal reaches it as soon as the router decides.
    await entry.waitFor(LIVE);
    await screenshot(operator, '10-operator-triage');
    await entry.getByLabel('Другая тема').selectOption('housing');
    await entry.getByLabel('Код подразделения').fill('zhkh');
    await entry.getByRole('button', { name: 'Направить' }).click();
    await entry.waitFor({ state: 'detached', ...LIVE });
    await executor.goto(`${fleet.urls.console}/#/inbox`);
    await executor.locator(`[data-testid="inbox-task"][data-number="${triaged}"]`).waitFor(LIVE);
    await screenshot(executor, '11-executor-inbox-after-triage');
    triagedNumber = triaged;
  });

  it('an executor asks for more time and the supervisor approves it from the board', async () => {
    await executor.locator(`[data-testid="inbox-task"][data-number="${triagedNumber}"] a`).first().click();
    await executor.getByRole('button', { name: 'Принять в работу' }).click();
    await expect.poll(() => executor.getByTestId('appeal-status').textContent(), LIVE).toBe('принято в работу');
    await executor.getByRole('button', { name: 'Продлить срок' }).click();
    // More than the law allows is refused beside the field.
    await executor.keyboard.type('45');
    await executor.keyboard.press('Tab');
    await executor.keyboard.type('Нужен ответ ресурсоснабжающей организации');
    await executor.keyboard.press('Control+Enter');
    expect(await executor.getByTestId('error-extension-days').textContent()).toBe('Не больше 30');
    await executor.locator('#extension-days').fill('10');
    await executor.keyboard.press('Control+Enter');
    // The form closes once the executor service has recorded the request.
    await executor.locator('#extension-days').waitFor({ state: 'detached', ...LIVE });
    await screenshot(executor, '12-executor-extension-requested');

    // The board reads pending requests again every 20 s.
    const request = supervisor.locator('.pending').filter({ hasText: triagedNumber });
    await request.waitFor(LIVE);
    // Who asked and why, from the registry's card, which may follow a moment later.
    await expect.poll(() => request.textContent(), LIVE).toContain('ivanova: Нужен ответ ресурсоснабжающей организации');
    await screenshot(supervisor, '13-supervisor-extension-request');
    await request.getByLabel('Обоснование решения').fill('Согласовано: запрос в водоканал направлен');
    await request.getByRole('button', { name: 'Одобрить' }).click();
    await request.waitFor({ state: 'detached', ...LIVE });
  });
});
