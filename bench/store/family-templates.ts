import { createHash, randomUUID } from 'node:crypto';
import { capForYear } from '@app/domain';
import { canonicalJson } from '@app/kernel';
import { deterministicUuid, eventIdFor } from '@app/integrity';
import type { EventToAppend, ExpectedRevision } from '@app/event-store';
import { BIL_TIMER, INTAKE_NUMBERING } from '@app/processes';
import { decideFamily, type CaseSeed, type PlannedAppend } from './case-lives';

/** Stands for a family's own passport, CSQ and letter numbers in a template (letters and digits, as the real ones). */
const UNIQUE_TOKEN = 'QX7QX7QX7Q';
/** The intake number a template is decided with: within the cap of every year (C1), and found nowhere else in an event. */
const WITHIN_CAP_NUMBER = 4321;
/** The purposes of the commands the processes send (libs/processes), whose ids derive from the application id. */
const SYSTEM_PURPOSES = [`${INTAKE_NUMBERING}:number:`, `${INTAKE_NUMBERING}:over-cap:`, `${BIL_TIMER}:automatic-bil:`];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A text cut at the places that differ between copies: literal pieces, and the tokens found between them. */
type Pieces = readonly string[];
type TemplateEvent = Readonly<{
  stored: Pieces;
  /** The data's canonical JSON, the text the command pipeline stores as the event's data (`dataJson`). */
  dataText: Pieces;
  canonical: Pieces;
  hashToken: string;
  previousHashToken: string | null;
}>;
type TemplateAppend = Readonly<{
  stream: Pieces;
  expectedRevision: ExpectedRevision;
  events: readonly TemplateEvent[];
}>;
type Template = Readonly<{
  appends: readonly TemplateAppend[];
  applicationIds: readonly string[];
  /** Ids people's commands carry (command, correlation, causation): fresh random ones per copy, as the HTTP edge gives them. */
  randomIds: readonly string[];
  /** `[old command id, purpose, index of the application id]` of the commands the processes send. */
  systemCommands: readonly (readonly [string, string, number])[];
  /** `[old event id, old command id, index in the command]`. */
  events: readonly (readonly [string, string, number])[];
  numberToken: string;
}>;

/**
 * Whole families decided once per receipt day and kind by the real decider (case-lives.ts), then
 * copied with new ids: application, command, correlation and event ids are replaced (the ones the
 * processes derive are derived again from the new application id), the intake number is set, and
 * every hash of the chain is recomputed over the copy's canonical JSON, and each event's data is
 * stored as that canonical JSON, as the pipeline stores it. A copy is exactly what the pipeline
 * would have stored for that family, for a fraction of the cost of deciding it again.
 */
export class FamilyTemplates {
  private readonly templates = new Map<string, Template>();

  copy(seed: Omit<CaseSeed, 'unique'>, withSpouse: boolean): PlannedAppend[] {
    const cap = capForYear(seed.year);
    if (cap === null) throw new Error(`No intake cap for ${seed.year}: the generator only uses years of the cap table`);
    const overCap = seed.number > cap;
    const template = this.template(seed, cap, overCap, withSpouse && !overCap);
    const values = this.freshValues(template);
    values.set(UNIQUE_TOKEN, `${seed.year}${String(seed.number).padStart(7, '0')}`);
    values.set(template.numberToken, `"number":${seed.number}`);
    return template.appends.map((append) => ({
      stream: join(append.stream, values),
      expectedRevision: append.expectedRevision,
      events: append.events.map((event) => {
        const hash = createHash('sha256').update(join(event.canonical, values), 'utf8').digest('hex');
        values.set(event.hashToken, hash);
        const stored = JSON.parse(join(event.stored, values)) as EventToAppend;
        return { ...stored, dataJson: join(event.dataText, values) };
      }),
    }));
  }

  private template(seed: Omit<CaseSeed, 'unique'>, cap: number, overCap: boolean, withSpouse: boolean): Template {
    const key = `${seed.receivedAt}:${overCap}:${withSpouse}`;
    let template = this.templates.get(key);
    if (!template) {
      const number = overCap ? cap + WITHIN_CAP_NUMBER : WITHIN_CAP_NUMBER;
      const decided = decideFamily({ ...seed, number, unique: UNIQUE_TOKEN }, withSpouse);
      template = describe(decided.applicationIds, decided.appends, `"number":${number}`);
      this.templates.set(key, template);
    }
    return template;
  }

  private freshValues(template: Template): Map<string, string> {
    const values = new Map<string, string>();
    const applicationIds = template.applicationIds.map((old) => {
      const fresh = randomUUID();
      values.set(old, fresh);
      return fresh;
    });
    for (const old of template.randomIds) values.set(old, randomUUID());
    for (const [old, purpose, owner] of template.systemCommands)
      values.set(old, deterministicUuid(`${purpose}${applicationIds[owner]}`));
    for (const [old, commandId, index] of template.events)
      values.set(old, eventIdFor(values.get(commandId) ?? commandId, index));
    return values;
  }
}

function describe(applicationIds: readonly string[], appends: readonly PlannedAppend[], numberToken: string): Template {
  const purposes = new Map<string, readonly [string, number]>();
  applicationIds.forEach((id, owner) => {
    for (const purpose of SYSTEM_PURPOSES) purposes.set(deterministicUuid(`${purpose}${id}`), [purpose, owner]);
  });
  const randomIds = new Set<string>();
  const systemCommands = new Map<string, readonly [string, string, number]>();
  const events: (readonly [string, string, number])[] = [];
  const hashes = new Set<string>();
  for (const { events: sealed } of appends) {
    sealed.forEach((event, index) => {
      const { commandId, correlationId, causationId, hash } = event.metadata as Record<string, string>;
      events.push([event.eventId, commandId, index]);
      hashes.add(hash);
      const system = purposes.get(commandId);
      if (system) systemCommands.set(commandId, [commandId, ...system]);
      else randomIds.add(commandId).add(correlationId).add(causationId);
    });
  }
  for (const [old] of events) randomIds.delete(old);
  const tokens = [numberToken, UNIQUE_TOKEN, ...hashes];
  return {
    appends: appends.map((append) => ({
      stream: cut(append.stream, tokens),
      expectedRevision: append.expectedRevision,
      events: append.events.map((event, index) => templateEvent(append, event, index, tokens)),
    })),
    applicationIds,
    randomIds: [...randomIds],
    systemCommands: [...systemCommands.values()],
    events,
    numberToken,
  };
}

function templateEvent(
  append: PlannedAppend,
  event: EventToAppend,
  index: number,
  tokens: readonly string[],
): TemplateEvent {
  const { hash, ...unsealed } = event.metadata as Record<string, unknown>;
  const revision = (append.expectedRevision === 'no-stream' ? 0 : Number(append.expectedRevision) + 1) + index;
  const canonical = canonicalJson({
    streamName: append.stream,
    revision,
    type: event.type,
    data: event.data,
    metadata: unsealed,
  });
  return {
    stored: cut(JSON.stringify(event), tokens),
    dataText: cut(canonicalJson(event.data), tokens),
    canonical: cut(canonical, tokens),
    hashToken: String(hash),
    previousHashToken: (unsealed.previousHash as string | null) ?? null,
  };
}

/** Cuts `text` at every UUID and every token: odd pieces are the tokens, even pieces the literal text between them. */
function cut(text: string, tokens: readonly string[]): Pieces {
  const pattern = new RegExp(
    `${UUID.source}|${tokens.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}`,
    'g',
  );
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    pieces.push(text.slice(last, match.index), match[0]);
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

function join(pieces: Pieces, values: ReadonlyMap<string, string>): string {
  let text = pieces[0];
  for (let index = 1; index < pieces.length; index += 2)
    text += (values.get(pieces[index]) ?? pieces[index]) + pieces[index + 1];
  return text;
}
