import { hold, type JobContext, type Lock } from './hold.ts';
import type { Job } from './scenario.ts';
import type { SimProcess } from './world.ts';

// The semaphore and the election as they landed, run by the simulated processes' programs: each
// permit and each term is a Lock, held by the same `hold` as a plain lock (slices of work, fenced
// writes, validity windows), so S1, S2 and L1–L3 cover them too; SN and SE are checked on top.

/**
 * One permit of semaphore `s<key>` (N = the scenario's `permits`): `permit` waits up to the
 * job's `waitMs`, `permit-try` is one tryAcquire; then the hold, released unless `keep`.
 *
 * @example
 * ```ts
 * await permitJob(context, proc, job, false);
 * ```
 */
export async function permitJob(context: JobContext, proc: SimProcess, job: Job, keep: boolean): Promise<void> {
  const client = context.clients[proc.slot]!;
  const semaphore = new context.runtimes[proc.slot]!.Semaphore(client, `s${job.key}`, { permits: context.scenario.permits });
  let permit: Lock | undefined;
  try {
    // The lock's key is the permit's, known only once granted: the loss is reported under it then.
    const onLost = (e: { reason: string }) => context.lost(proc, `a permit of ${semaphore.name}`, e.reason);
    permit = job.call === 'permit-try' ? await semaphore.tryAcquire({ onLost }) : await semaphore.acquire({ onLost, waitMs: job.waitMs });
  } catch (error) {
    context.note(proc, `permit of ${semaphore.name} failed`, error);
  }
  if (!permit) {
    if (job.call === 'permit-try') context.world.log(() => `${proc.name} tryAcquire ${semaphore.name}: all permits held`);
    return;
  }
  context.granted(proc, `holds ${permit.key}`, permit.fence);
  // Permits refuse reentrant acquires (PermitOptions): no nested hold.
  await hold(context, proc, permit.key, permit, { ...job, nested: false }, keep);
}

/**
 * A term of election `e<key>`. `campaign`: read who leads (the candidate's look before it runs,
 * which feeds its watch as getLock does), campaign until elected or `waitMs` + a lease have
 * passed, lead through the hold, resign (unless `keep`). `lead`: `Election.lead` for one term,
 * the work being the hold; lead resigns the term when the work returns.
 *
 * @example
 * ```ts
 * await electionJob(context, proc, job, false);
 * ```
 */
export async function electionJob(context: JobContext, proc: SimProcess, job: Job, keep: boolean): Promise<void> {
  const { world, scenario } = context;
  const client = context.clients[proc.slot]!;
  const election = new context.runtimes[proc.slot]!.Election(client, `e${job.key}`);
  const stop = new AbortController();
  // A campaign waits as long as it takes: the program gives up on it after a while. An acquire
  // write the abort cuts off may still land (an orphan term, freed within a lease: L3), and
  // `lead` returns quietly when its signal aborts: the process counts as told of an unknown outcome.
  const giveUp = proc.setTimeout(
    () => {
      context.note(proc, `gave up campaigning in ${election.name}`, new Error('campaign given up'));
      stop.abort(new Error('campaign given up'));
    },
    job.waitMs + scenario.leaseMs + (job.call === 'lead' ? job.slices * job.sliceMs : 0),
  );
  const elected = (term: Lock) => {
    context.terms.push({ election: election.name, owner: proc.name, fence: term.fence, at: world.now, valid: term.isValid() });
    term.on('lost', (e: { name: string; reason: string }) => {
      context.lost(proc, term.key, e.reason);
      // `lead` campaigns again at once and never releases a term lost by expiry (a plain lock's
      // release() sends one best-effort release then): the item stays up to a lease (L3).
      if (job.call === 'lead') context.note(proc, `term of ${election.name} lost`, e);
    });
    context.granted(proc, `leads ${election.name}`, term.fence);
  };
  const work = { ...job, nested: false };
  if (job.call === 'lead') {
    // `lead` does not wait for the work of a term it lost (it campaigns again at once): the job
    // waits for every term's work before it checks that nothing is left scheduled.
    const works: Promise<void>[] = [];
    await election
      .lead(
        (term) => {
          elected(term);
          const done = hold(context, proc, term.key, term, work, true).then(() => {
            // One term: once its work is done, lead resigns it and returns. A lost term's work
            // ends too late to speak for the next one: lead campaigns on until the program gives up.
            if (!term.signal.aborted) stop.abort();
          });
          works.push(done);
          return done;
        },
        { signal: stop.signal },
      )
      .catch((error: unknown) => context.note(proc, `lead ${election.name}`, error));
    await Promise.all(works);
    proc.clearTimeout(giveUp);
    if (proc.timers.size > 0)
      context.violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after lead() of ${election.name} returned`);
    return;
  }
  let term: Lock | undefined;
  try {
    // A read that fails (faults) only leaves the campaign without a head start.
    await election.leader().catch((error: unknown) => world.log(() => `${proc.name} leader of ${election.name}: ${(error as Error).name}`));
    term = await election.campaign({ signal: stop.signal });
  } catch (error) {
    context.note(proc, `campaign in ${election.name}`, error);
  } finally {
    proc.clearTimeout(giveUp);
  }
  if (!term) return;
  elected(term);
  await hold(context, proc, term.key, term, work, keep);
}
