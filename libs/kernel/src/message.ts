/**
 * A command or an event: a stable type name and a plain, JSON-serialisable data object.
 * This is the shape the event store keeps, so the stored form is the typed form.
 */
export type Message<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** What a caller asks the domain to do (imperative name, e.g. `SubmitApplication`). */
export type Command<Type extends string = string, Data extends object = object> = Message<Type, Data>;

/** What happened (past-tense name, e.g. `ApplicationReceived`); stable forever once stored. */
export type Event<Type extends string = string, Data extends object = object> = Message<Type, Data>;
