/**
 * Every message text the library shows a person, in one place, so they read alike and
 * can be found. Functions build the final message; paths are added by the error classes.
 */
export const messages = {
  decimalLike: "expected a decimal string or number",
  instant: "expected an ISO 8601 date-time with offset or Z, a YYYY-MM-DD date, or a valid Date",
  timeZone: "expected an IANA time zone such as \"Europe/Amsterdam\"",
  inputInvalid: "Invalid input",
  definitionInvalid: "Invalid definition",
  closedBeforeCreated: "closedAt is before createdAt",
  closedWithoutCloseDate: (stage: string) => `deal is in closed stage "${stage}" but has no closedAt`,
  unknownStage: (stage: string) => `unknown stage "${stage}": not in the pipeline`,
  pipelineRequired: "deals need a pipeline: pass `pipeline` in the data or the options",
  duplicateStage: (id: string) => `stage id "${id}" appears more than once`,
  wonProbability: "a won stage has probability 1",
  lostProbability: "a lost stage has probability 0",
  calendarMismatch:
    "the prepared data was prepared with another calendar; prepare it again with this calendar or leave `calendar` out",
  emptyRange: "`to` must be after `from`",
} as const;
