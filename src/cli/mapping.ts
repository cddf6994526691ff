import { z } from "zod";

/** What to do when a cell is empty. */
export const IfEmptySchema = z.union([
  z.literal("error"),
  z.literal("omit"),
  z.literal("skip-row"),
  z.object({ value: z.union([z.string(), z.number()]) }).strict(),
  z.object({ lookup: z.string().min(1), table: z.record(z.string(), z.union([z.string(), z.number()])) }).strict(),
]);

/**
 * Cell values that mean "not known": the field is left out, as if the cell were empty but
 * without `ifEmpty`. With `when`, only in rows whose mapped fields have one of the listed
 * values (`{ "values": ["0"], "when": { "stage": ["lost"] } }`: a lost deal's 0 is no amount).
 */
export const UnknownValuesSchema = z
  .object({
    values: z.array(z.string()).min(1),
    when: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  })
  .strict();

/**
 * How one field of a row is filled: a column name, or an object that names the column
 * (or a constant `value`), a date-fns `date` format the column is written in (read in the
 * report's time zone), a `values` map that renames cell values (stage names, activity types,
 * sources, product spellings; matched ignoring case unless `caseSensitive`), the cell values
 * that mean "not known" (`unknown`), what to do when the cell is empty (`ifEmpty`), and for
 * amounts `decimalComma: true` when they are written the Dutch way ("1.234,50" = 1234.50).
 */
export const FieldMappingSchema = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1).optional(),
      value: z.union([z.string(), z.number()]).optional(),
      date: z.string().min(1).optional(),
      values: z.record(z.string(), z.string()).optional(),
      caseSensitive: z.boolean().optional(),
      unknown: UnknownValuesSchema.optional(),
      ifEmpty: IfEmptySchema.optional(),
      decimalComma: z.boolean().optional().meta({ description: 'amounts written with a decimal comma, points or spaces between thousands: "1.234,50" is 1234.50' }),
    })
    .strict()
    .refine((field) => (field.column === undefined) !== (field.value === undefined), {
      error: "give either `column` or `value`",
    }),
]);
/** How one field is filled (see {@link FieldMappingSchema}). */
export type FieldMapping = z.infer<typeof FieldMappingSchema>;

/**
 * A stage move built from a date column: the deal entered `stage` at the date in column `at`
 * (in the `date` format, if given). `stage: "$stage"` stands for the row's own mapped stage.
 */
export const StageMoveMappingSchema = z
  .object({ stage: z.string().min(1), at: z.string().min(1), date: z.string().min(1).optional() })
  .strict();

/** How one input file becomes rows of one collection. */
export const CollectionMappingSchema = z
  .object({
    /** Field name → how it is filled. Fields not named here are read from a column of the same name, if present. */
    fields: z.record(z.string(), FieldMappingSchema).default({}),
    /** Deals only: stage moves built from date columns; a move with an empty date is left out. */
    stageHistory: z.array(StageMoveMappingSchema).optional(),
  })
  .strict();
/** How one input file becomes rows (see {@link CollectionMappingSchema}). */
export type CollectionMapping = z.infer<typeof CollectionMappingSchema>;

/** A mapping file: one section per input file kind. */
export const MappingFileSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    deals: CollectionMappingSchema.optional(),
    activities: CollectionMappingSchema.optional(),
    leads: CollectionMappingSchema.optional(),
    reps: CollectionMappingSchema.optional(),
  })
  .strict();
/** A mapping file. */
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** The kind of value a field holds, which decides how a cell is converted. */
export type FieldKind = "text" | "decimal" | "probability" | "integer" | "instant";

/** The fields of each collection, their kinds, and which must be present. */
export const COLLECTION_FIELDS = {
  deals: {
    fields: {
      id: "text",
      owner: "text",
      team: "text",
      account: "text",
      product: "text",
      amount: "decimal",
      currency: "text",
      stage: "text",
      createdAt: "instant",
      closedAt: "instant",
      expectedCloseAt: "instant",
      probability: "probability",
      source: "text",
    },
    required: ["id", "owner", "stage", "createdAt"],
  },
  activities: {
    fields: { id: "text", owner: "text", team: "text", type: "text", at: "instant", quantity: "integer" },
    required: ["owner", "type", "at"],
  },
  leads: {
    fields: { id: "text", owner: "text", team: "text", source: "text", createdAt: "instant", returnedAt: "instant" },
    required: ["id", "createdAt"],
  },
  reps: {
    fields: { id: "text", name: "text", team: "text", startedAt: "instant", leftAt: "instant" },
    required: ["id"],
  },
} as const satisfies Record<string, { fields: Record<string, FieldKind>; required: readonly string[] }>;

/** The collections an input file can fill. */
export type InputCollection = keyof typeof COLLECTION_FIELDS;
