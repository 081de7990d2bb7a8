/**
 * The framework file (frameworks/<id>/framework.yaml, or any path given to `--framework`): a
 * compliance framework as data — its profiles and, per requirement, the evidence our rules give,
 * the attestation that meets what a configuration audit cannot see, or why it is out of scope.
 * docs/frameworks.md documents the format; src/frameworks/load.ts checks what zod cannot (rule ids,
 * topics, profiles, guardrail settings and options exist).
 */
import { z } from 'zod';

export const AUDIENCES = ['end-users', 'administrators'] as const;
export type Audience = (typeof AUDIENCES)[number];

const Id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes');
/** A profile id: letters (any case: `asvs-5.0-L2`), digits, dots and dashes. */
const ProfileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'letters, digits, dots and dashes');
const Text = z.string().trim().min(1);

/** A bound on a number: at least, at most, or exactly. */
const Bound = {
  min: z.number().optional(),
  max: z.number().optional(),
  equals: z.union([z.number(), z.string(), z.boolean()]).optional(),
};
const hasBound = (g: { min?: number | undefined; max?: number | undefined; equals?: unknown }) => g.min !== undefined || g.max !== undefined || g.equals !== undefined;

/** An audit setting (config `settings:`) the requirement needs at least as strict as this. */
const SettingGuardrail = z.strictObject({ setting: Text, ...Bound, profiles: z.array(ProfileId).optional(), why: Text }).refine(hasBound, 'give min, max or equals');
/** A rule option (config `rules: { <id>: { options } }`) the requirement needs at least as strict as this. */
const OptionGuardrail = z.strictObject({ rule: Text, option: Text, ...Bound, profiles: z.array(ProfileId).optional(), why: Text }).refine(hasBound, 'give min, max or equals');
/** A check on the tenant itself, in the policy assertion language (docs/policies.md). */
const CheckGuardrail = z.strictObject({
  check: z.strictObject({
    resource: Text,
    where: z.record(z.string(), z.unknown()).optional(),
    assert: z.record(z.string(), z.unknown()),
    message: Text.optional(),
    /** When this holds for an item, what the check reads is not visible: unknown, not a failure. */
    unknown: z.strictObject({ when: z.record(z.string(), z.unknown()), message: Text.optional() }).optional(),
  }),
  profiles: z.array(ProfileId).optional(),
  why: Text,
});
export const GuardrailSchema = z.union([SettingGuardrail, OptionGuardrail, CheckGuardrail]);
export type Guardrail = z.infer<typeof GuardrailSchema>;

export const RequirementSchema = z
  .strictObject({
    /**
     * The framework's own id (`6.2.1`, `8.4.2`, `3.1.1.2-min-length`): letters, digits, dots, dashes
     * and underscores, so `<framework>:<requirement>` can name it in attestations and waivers.
     */
    id: z.string().max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, dashes and underscores (attestations and waivers name it as <framework>:<id>)'),
    /** The framework's section (id and short name), for grouping. */
    section: Text.optional(),
    /** In our own words: what good looks like. */
    title: Text,
    /** Included in every profile whose level is at least this. */
    level: z.number().int().min(1).max(9).optional(),
    /** Or: the profiles it is part of. */
    profiles: z.array(ProfileId).min(1).optional(),
    appliesTo: z.array(z.enum(AUDIENCES)).min(1).optional(),
    /** Evidence: rule ids. */
    rules: z.array(Text).optional(),
    /** Evidence: catalog topics (a full id, or a plan-agnostic suffix for both plans). */
    topics: z.array(Text).optional(),
    /** What only an attestation can show, and the attestation that meets it. */
    manual: z.strictObject({ how: Text, attestation: Text.optional() }).optional(),
    /** Why a configuration audit cannot bear on it at all. */
    outOfScope: Text.optional(),
    guardrails: z.array(GuardrailSchema).optional(),
    note: Text.optional(),
    refs: z.array(Text).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.level === undefined) === (r.profiles === undefined)) ctx.addIssue({ code: 'custom', message: 'give either level or profiles', path: ['level'] });
    const evidence = !!(r.rules?.length || r.topics?.length || r.manual || r.guardrails?.length);
    if (r.outOfScope !== undefined && evidence) ctx.addIssue({ code: 'custom', message: 'an out-of-scope requirement has no evidence, manual part or guardrails', path: ['outOfScope'] });
    if (r.outOfScope === undefined && !evidence) ctx.addIssue({ code: 'custom', message: 'map it (rules, topics, guardrails), make it manual, or say why it is out of scope', path: ['id'] });
    if (r.outOfScope === undefined && !r.appliesTo) ctx.addIssue({ code: 'custom', message: 'say who it applies to (end-users, administrators)', path: ['appliesTo'] });
  });
export type Requirement = z.infer<typeof RequirementSchema>;

export const ProfileSchema = z.strictObject({ id: ProfileId, name: Text, level: z.number().int().min(1).max(9), description: Text.optional() });
export type Profile = z.infer<typeof ProfileSchema>;

export const FrameworkSchema = z.strictObject({
  id: Id,
  name: Text,
  version: Text,
  /** Where the requirement list was read. */
  source: Text,
  /** The framework's licence, and how this file uses it. */
  licence: Text,
  /** What this file covers and leaves out. */
  scope: Text.optional(),
  profiles: z.array(ProfileSchema).min(1),
  requirements: z.array(RequirementSchema).min(1).max(2000),
});
export type FrameworkFile = z.infer<typeof FrameworkSchema>;
