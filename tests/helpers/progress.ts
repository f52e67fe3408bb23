// A long check's progress, asked again and again while it runs (each ask answered between the
// check's turns), as the import screen asks twice a second.
export type Told = { channel: string; rows: number };

/** Asks `ask` until `check` has answered; what was told while a job ran, in order. */
export async function progressUntil(check: Promise<unknown>, ask: () => Told | null | Promise<Told | null>): Promise<Told[]> {
  let done = false;
  void check.then(
    () => (done = true),
    () => (done = true),
  );
  const told: Told[] = [];
  while (!done) {
    const job = await ask();
    if (job) told.push(job);
    await new Promise((r) => setImmediate(r));
  }
  return told;
}
