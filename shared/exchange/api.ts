// Exchange packages between centres (a region's register to its national centre): the public key
// file a centre hands out, the manifest every package carries in the clear, the records inside it,
// and the contract's schemas for keys, partners, making and loading a package.
import { z } from 'zod';
import { CaseInputSchema, EventInputSchema } from '../cases/schema.js';
import { CountryCodeSchema, LanguageSchema } from '../primitives.js';
import { ImportFileSchema } from '../imports/api.js';
import { ExportedFileSchema } from '../exports/api.js';
import { AbroadPreviewSchema, AbroadYearSchema } from './abroad.js';

/** A package file at most this big (a national register of a few hundred thousand cases fits). */
export const MAX_PACKAGE_BYTES = 100 * 1024 * 1024;
/** What a package may inflate to once decrypted: a zip bomb stops here. */
export const MAX_PACKAGE_CONTENT_BYTES = 1024 * 1024 * 1024;
export const MAX_KEY_FILE_BYTES = 16 * 1024;
/**
 * The newest package format this app reads: 2 added citizens-abroad packages, 3 a centre's corrected
 * texts in a register package (one without them is still written as 1, so older apps read it).
 */
export const PACKAGE_FORMAT_VERSION = 3;

const Base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/)
  .max(200);
/** "1a2b 3c4d …": a fingerprint in groups of four, to read aloud (the screen and the back end's messages alike). */
export const groupFingerprint = (fp: string) => fp.replace(/(.{4})(?!$)/g, '$1 ');

export const FingerprintSchema = z.string().regex(/^[0-9a-f]{32}$/);
/** The org unit path from the country down, by names, as the sender's tree has it. */
const UnitPathSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(160) // as org_unit.name holds
      .regex(/^[^\p{Cc}]+$/u),
  )
  .min(1)
  .max(3);

export const KeyFileSchema = z
  .object({
    format: z.literal('migrant-hiv-desk/public-key'),
    version: z.literal(1),
    centre: z.string().min(1).max(200),
    countryCode: CountryCodeSchema,
    unitPath: UnitPathSchema,
    boxPublic: Base64Key,
    signPublic: Base64Key,
    fingerprint: FingerprintSchema,
    createdAt: z.string().max(40),
  })
  .strict();
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** What every package's manifest says, whatever it holds. */
const ManifestBase = z.object({
  format: z.literal('migrant-hiv-desk/package'),
  /** The oldest format that reads this package: an app that knows an older one refuses it as newer. */
  formatVersion: z.number().int().positive(),
  sender: z
    .object({ fingerprint: FingerprintSchema, centre: z.string().max(200), countryCode: CountryCodeSchema, unitPath: UnitPathSchema })
    .strict(),
  receiver: z.object({ fingerprint: FingerprintSchema, centre: z.string().max(200) }).strict(),
  /** One numbering per sender and receiver, whatever the kind. */
  sequence: z.number().int().positive().max(1_000_000),
  createdAt: z.string().max(40),
  schemaVersion: z.number().int().positive(),
  appVersion: z.string().max(40),
  /**
   * HMAC-SHA256 of the content (before compression) under the package's own key: the receiver
   * knows a package it loaded before by it, and no one without the key can test a guess of the content.
   */
  contentMac: z.string().regex(/^[0-9a-f]{64}$/),
  cipher: z
    .object({
      alg: z.literal('X25519-HKDF-SHA256-AES-256-GCM'),
      ephemeral: Base64Key,
      iv: z.string().max(40),
      tag: z.string().max(40),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
});

/** A region's register for its national centre. */
export const RegisterBodySchema = z
  .object({
    kind: z.literal('register'),
    /** Every record of the sender (true), or those changed since the package before (false). */
    full: z.boolean(),
    /** The package before this one's time, when this one holds only what changed since. */
    since: z.string().max(40).nullable(),
    counts: z
      .object({
        units: z.number().int().min(0),
        cases: z.number().int().min(0),
        events: z.number().int().min(0),
        deleted: z.number().int().min(0),
        values: z.number().int().min(0),
        approvals: z.number().int().min(0),
        /** The sender's corrected texts, when its user chose to send them (format 3). */
        translations: z.number().int().min(0).optional(),
      })
      .strict(),
  })
  .strict();
/** A country's counts of another country's citizens diagnosed in it, for that country's national centre (format 2). */
export const AbroadBodySchema = z
  .object({
    kind: z.literal('abroad'),
    citizenship: CountryCodeSchema,
    years: z.object({ from: z.number().int().min(1980).max(2100), to: z.number().int().min(1980).max(2100) }).strict(),
    counts: z.object({ years: z.number().int().min(0).max(20) }).strict(),
  })
  .strict();
export type PackageBody = z.infer<typeof RegisterBodySchema> | z.infer<typeof AbroadBodySchema>;
export const ManifestSchema = z.discriminatedUnion('kind', [
  ManifestBase.extend(RegisterBodySchema.shape).strict(),
  ManifestBase.extend(AbroadBodySchema.shape).strict(),
]);
export type Manifest = z.infer<typeof ManifestSchema>;

/** The content's lines: the sender's org units, its cases (as stored, with every event), and deletions. */
export const PackageLineSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('unit'), id: z.number().int().positive(), path: UnitPathSchema }).strict(),
  z
    .object({
      t: z.literal('case'),
      id: z.number().int().positive(),
      unit: z.number().int().positive(),
      case: z.unknown(),
      events: z.array(z.unknown()).max(10_000),
    })
    .strict(),
  z.object({ t: z.literal('deleted'), id: z.number().int().positive() }).strict(),
  // Every form value and approval of the sender's own, each time: the receiver replaces what it holds from it.
  z
    .object({
      t: z.literal('value'),
      unit: z.number().int().positive(),
      period: z.string().max(10),
      de: z.string().max(80),
      coc: z.string().max(400),
      value: z.union([z.number(), z.string().max(2000)]),
      comment: z.string().max(2000).nullable(),
    })
    .strict(),
  z
    .object({
      t: z.literal('approval'),
      form: z.string().max(40),
      unit: z.number().int().positive(),
      period: z.string().max(10),
      at: z.string().max(40),
      by: z.string().max(200),
    })
    .strict(),
  // A citizens-abroad package: one year's counts each line.
  AbroadYearSchema.extend({ t: z.literal('abroad') }).strict(),
  // A text the sender's centre corrected (sent only when its user chose to); checked here as a loaded workbook's row is.
  z.object({ t: z.literal('translation'), language: LanguageSchema, key: z.string().max(200), text: z.string().max(2000) }).strict(),
]);
export type PackageLine = z.infer<typeof PackageLineSchema>;
/** A case and its events are checked as the entry screen checks them, one by one, so one bad case is refused alone. */
export const PackageCaseSchema = z.object({ case: CaseInputSchema, events: z.array(EventInputSchema) });

export const PartnerSchema = z.object({
  id: z.number().int(),
  centre: z.string(),
  countryCode: z.string(),
  unitPath: z.array(z.string()),
  fingerprint: z.string(),
  addedAt: z.string(),
  lastSent: z.number().int().nullable(),
  lastReceived: z.number().int().nullable(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const IdentitySchema = z.object({
  centre: z.string(),
  countryCode: z.string(),
  unitPath: z.array(z.string()),
  fingerprint: z.string(),
});

export const KeyUploadSchema = ImportFileSchema.extend({
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_KEY_FILE_BYTES / 3) * 4),
}).strict();
export const PackageUploadSchema = ImportFileSchema.extend({
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_PACKAGE_BYTES / 3) * 4),
}).strict();

export const ContinueNumberingSchema = z
  .object({ partnerId: z.number().int().positive(), after: z.number().int().min(1).max(999_999) })
  .strict();
/** A partner's new key file, on the same partner (its database made anew). */
export const ReplaceKeySchema = KeyUploadSchema.extend({ partnerId: z.number().int().positive() }).strict();
/** A partner removed: what it sent kept (still counted, read-only) or removed with it. */
export const RemovePartnerSchema = z.object({ partnerId: z.number().int().positive(), records: z.enum(['keep', 'remove']) }).strict();
export const PartnerRemovedSchema = z.object({
  cases: z.number().int(),
  values: z.number().int(),
  approvals: z.number().int(),
  reports: z.number().int(),
});
export const MakePackageSchema = z
  .object({
    partnerId: z.number().int().positive(),
    full: z.boolean(),
    /** Send this centre's corrected texts too (Settings → Languages): only when the user ticks it. */
    translations: z.boolean().optional(),
  })
  .strict();
export const MadePackageSchema = z.object({
  file: ExportedFileSchema,
  sequence: z.number().int(),
  full: z.boolean(),
  counts: RegisterBodySchema.shape.counts,
});

const RefusedCaseSchema = z.object({ originId: z.number().int(), path: z.string(), messageKey: z.string() });
export const PackagePreviewSchema = z.object({
  packageId: z.string(),
  kind: z.enum(['register', 'abroad']),
  /** A citizens-abroad package's years (null for a register package). */
  abroad: AbroadPreviewSchema.nullable(),
  fileName: z.string(),
  sender: z.object({ centre: z.string(), fingerprint: z.string(), unitPath: z.array(z.string()) }),
  sequence: z.number().int(),
  full: z.boolean(),
  createdAt: z.string(),
  since: z.string().nullable(),
  /** Loaded before (same sender, number and content): confirming changes nothing. */
  alreadyLoaded: z.boolean(),
  /** Packages between the last one loaded and this one that never arrived. */
  gap: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  counts: z.object({
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    deleted: z.number().int(),
    refused: z.number().int(),
    /** The same person (code, sex, birth year) already in this register from elsewhere: to review. */
    samePerson: z.number().int(),
    newUnits: z.number().int(),
  }),
  /** Form values and approved periods: what changes here, what is refused, and cells this centre filled itself (kept). */
  forms: z.object({
    values: z.object({ new: z.number().int(), changed: z.number().int(), removed: z.number().int(), unchanged: z.number().int() }),
    approvals: z.object({ new: z.number().int(), removed: z.number().int() }),
    refused: z.number().int(),
    conflicts: z.number().int(),
  }),
  /** Corrected texts the package brings (loaded only when the user ticks them): against this centre's texts now. */
  translations: z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), refused: z.number().int() }),
  /** The first of them (at most 100), each with the text shown now: read before ticking, as a workbook's changes are. */
  textChanges: z.array(z.object({ language: LanguageSchema, key: z.string(), before: z.string(), after: z.string() })),
  refused: z.array(RefusedCaseSchema),
  samePerson: z.array(
    z.object({ originId: z.number().int(), registerNo: z.string(), existingRegisterNo: z.string(), existingUnit: z.string() }),
  ),
});
export type PackagePreview = z.infer<typeof PackagePreviewSchema>;
export const PackageIdSchema = z.object({ packageId: z.string().regex(/^[a-f0-9]{16}$/) }).strict();
export const ConfirmPackageSchema = PackageIdSchema.extend({
  /** Take the corrected texts the package brings (replacing this centre's own for the same texts). */
  translations: z.boolean().optional(),
}).strict();
export const PackageLoadedSchema = z.object({
  /** Years of citizens-abroad counts stored. */
  reports: z.number().int(),
  values: z.number().int(),
  approvals: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  /** Corrected texts taken from the package. */
  translations: z.number().int(),
});
