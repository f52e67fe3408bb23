// A clerk's hands by keyboard: typing, Tab, picking in a searchable select, a whole new case in
// Tab order, an event on the case's screen, a survey in the forms grid. Shared by the end-to-end tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser.js';

// Keyboard helpers: what a clerk does in each kind of field.
export const type = (page: Page, text: string) => page.keyboard.type(text);
export const tab = (page: Page, n = 1) =>
  (async () => {
    for (let i = 0; i < n; i++) await page.keyboard.press('Tab');
  })();
/** In a searchable select: type part of the label, Enter picks the first match. */
export async function pick(page: Page, text: string) {
  await page.keyboard.type(text);
  try {
    await expect
      .poll(() =>
        page
          .getByRole('listbox')
          .getByRole('option')
          .first()
          .textContent({ timeout: 1000 })
          .then((t) => t?.toLowerCase().replace(/ё/g, 'е').includes(text.toLowerCase())),
      )
      .toBe(true);
  } catch (e) {
    // Say where the keys went, for whoever reads the failure.
    await screenshot(page, `pick-failure-${Date.now()}`);
    // What the page held: the focused element, whether the page had focus, every input's value.
    const where = await page.evaluate(() => ({
      id: document.activeElement?.id,
      tag: document.activeElement?.tagName,
      value: (document.activeElement as HTMLInputElement | null)?.value,
      pageFocused: document.hasFocus(),
      inputs: Array.from(
        document.querySelectorAll('input'),
        (i) => `${i.id || i.name}=${i.type === 'checkbox' ? i.checked : i.value}`,
      ).join(' '),
    }));
    throw new Error(`no option for "${text}"; focus on ${JSON.stringify(where)}: ${String(e)}`);
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(0); // the menu closed on the choice
}
export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Fills the new-case form from the register number on, by Tab order alone. */
export async function enterCase(
  page: Page,
  c: {
    no: string;
    uic: string;
    sex: string;
    year: string;
    citizenship: string;
    migrant: string;
    legal: string;
    kpTabs: number[];
    route: string;
    infection: string;
    date: string;
    dxCountry: string;
    /** AIDS at diagnosis and the first AIDS date, where the case has them. */
    aids?: { mark: string; date: string };
  },
) {
  await page.keyboard.press('Alt+n');
  await expect.poll(() => focusedId(page)).toBe('registerNo');
  await type(page, c.no);
  await tab(page);
  await type(page, c.uic);
  await tab(page);
  await pick(page, c.sex);
  await tab(page);
  await type(page, c.year);
  await tab(page);
  await pick(page, c.citizenship);
  await tab(page);
  await pick(page, c.migrant);
  await tab(page);
  await pick(page, c.legal);
  // Key populations: seven checkboxes; Space ticks the ones given (by position).
  for (let i = 0; i < 7; i++) {
    await tab(page);
    if (c.kpTabs.includes(i)) await page.keyboard.press('Space');
  }
  await tab(page);
  await pick(page, c.route);
  await tab(page);
  await pick(page, c.infection);
  await tab(page);
  await type(page, c.date);
  await tab(page);
  await pick(page, c.dxCountry);
  if (c.aids) {
    await tab(page);
    await pick(page, c.aids.mark);
    await tab(page);
    await type(page, c.aids.date);
  }
}

export async function addEvent(page: Page, kind: string, date: string, value?: string) {
  await page.locator('#event-kind').focus();
  await pick(page, kind);
  await tab(page);
  await type(page, date);
  if (value !== undefined) {
    await tab(page);
    await (value.startsWith('pick:') ? pick(page, value.slice(5)) : type(page, value));
  }
  const before = await page.locator('.timeline li.event').count();
  await page.keyboard.press('Enter');
  try {
    await expect.poll(() => page.locator('.timeline li.event').count()).toBe(before + 1);
  } catch (e) {
    await screenshot(page, `event-failure-${Date.now()}`);
    const form = await page.locator('.event-form').textContent();
    const fields = await page
      .locator('.event-form input')
      .evaluateAll((els) => els.map((el) => `${el.id}=${(el as HTMLInputElement).value}`));
    throw new Error(`event "${kind}" ${date} not added; form says: ${form}; fields: ${fields.join(', ')}: ${String(e)}`);
  }
}

/**
 * A 2017 sentinel survey among people who inject drugs typed into the survey form by keyboard
 * (sample 100, positives 9; row 0 of the grid is the whole sample), waiting until it is saved.
 */
export async function typeSurvey2017(page: Page) {
  await page.keyboard.press('Alt+2');
  await page.getByRole('tab', { name: 'Дозорное исследование' }).click();
  await page.locator('#form-year').fill('2017');
  await page.locator('input[data-grid="survey-kp"][data-r="1"][data-c="0"]').focus();
  await page.keyboard.type('100');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('input[data-grid="survey-kp"][data-r="1"][data-c="1"]').locator('xpath=..').getAttribute('class'))
    .toContain('saved');
}
