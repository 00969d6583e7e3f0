import { newId } from '@crm/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNELS = `'TRADE_SHOW', 'WEB_FORM', 'SOCIAL', 'EMAIL', 'ADS', 'WEBINAR', 'REFERRAL'`;
const TOUCH_KINDS = `'FORM_SUBMITTED', 'MANUAL_ENTRY', 'WEBINAR_ATTENDED', 'EVENT_VISITED', 'EMAIL_OPENED', 'EMAIL_CLICKED', 'CONTENT_DOWNLOADED'`;
const LEAD_STATUSES = `'NEW', 'QUALIFIED', 'HANDED_OFF', 'CONTACTED', 'CONVERTED', 'DISQUALIFIED'`;

/** Rules a new installation starts with; marketing managers change them (scoringRules). */
const DEFAULT_RULES: [
  string,
  string,
  string | null,
  string | null,
  string[],
  string | null,
  number,
][] = [
  [
    'Decision-maker title',
    'FIELD',
    'TITLE',
    'CONTAINS_ANY',
    ['总监', '经理', '负责人', 'Director', 'Manager', 'Head', 'VP', 'CEO', 'CTO', 'CIO'],
    null,
    20,
  ],
  ['Larger company', 'FIELD', 'COMPANY_SIZE', 'EQUALS_ANY', ['201-1000', '1000+'], null, 15],
  ['Form submitted', 'ENGAGEMENT', null, null, [], 'FORM_SUBMITTED', 10],
  ['Webinar attended', 'ENGAGEMENT', null, null, [], 'WEBINAR_ATTENDED', 15],
  ['Event visited', 'ENGAGEMENT', null, null, [], 'EVENT_VISITED', 10],
  ['Email clicked', 'ENGAGEMENT', null, null, [], 'EMAIL_CLICKED', 5],
];

export class MarketingTables1732600000000 implements MigrationInterface {
  name = 'MarketingTables1732600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text,
        channel text NOT NULL CHECK (channel IN (${CHANNELS})),
        status text NOT NULL CHECK (status IN ('PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED')),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        budget numeric(18, 2) CHECK (budget >= 0),
        actual_cost numeric(18, 2) NOT NULL DEFAULT 0 CHECK (actual_cost >= 0),
        starts_at timestamptz,
        ends_at timestamptz,
        owner_id uuid,
        form_key text NOT NULL UNIQUE,
        form_consent_text text,
        form_consent_version text,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
      )`);
    await runner.query('CREATE UNIQUE INDEX campaigns_name ON campaigns (lower(name))');
    await runner.query('CREATE INDEX campaigns_created ON campaigns (created_at DESC, id DESC)');
    await runner.query('CREATE INDEX campaigns_owner ON campaigns (owner_id)');

    await runner.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        company text,
        title text,
        phone text,
        phone_key text,
        email text,
        email_key text,
        region text,
        industry text,
        company_size text,
        notes text,
        source text NOT NULL CHECK (source IN ('WEB_FORM', 'MANUAL')),
        campaign_id uuid REFERENCES campaigns (id),
        channel text CHECK (channel IN (${CHANNELS})),
        status text NOT NULL CHECK (status IN (${LEAD_STATUSES})),
        field_score int NOT NULL DEFAULT 0,
        engagement_score int NOT NULL DEFAULT 0,
        score int GENERATED ALWAYS AS (field_score + engagement_score) STORED,
        tags text[] NOT NULL DEFAULT '{}',
        consent jsonb,
        matched_customer_id uuid,
        customer_id uuid,
        assignee_id uuid,
        assignee_team_id uuid,
        assigned_at timestamptz,
        first_contact_due_at timestamptz,
        contacted_at timestamptz,
        qualified_at timestamptz,
        converted_at timestamptz,
        converted_opportunity_id uuid,
        disqualified_at timestamptz,
        disqualification_reason text,
        sla_breaches int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (phone_key IS NOT NULL OR email_key IS NOT NULL)
      )`);
    await runner.query('CREATE INDEX leads_created ON leads (created_at DESC, id DESC)');
    await runner.query('CREATE INDEX leads_phone_key ON leads (phone_key)');
    await runner.query('CREATE INDEX leads_email_key ON leads (email_key)');
    await runner.query('CREATE INDEX leads_campaign ON leads (campaign_id)');
    await runner.query('CREATE INDEX leads_assignee ON leads (assignee_id)');
    await runner.query('CREATE INDEX leads_assignee_team ON leads (assignee_team_id)');
    await runner.query('CREATE INDEX leads_customer ON leads (customer_id)');
    await runner.query('CREATE INDEX leads_matched_customer ON leads (matched_customer_id)');
    await runner.query('CREATE INDEX leads_tags ON leads USING gin (tags)');

    // Every capture and every engagement of a person: what dedup links and scoring counts.
    await runner.query(`
      CREATE TABLE lead_touches (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        kind text NOT NULL CHECK (kind IN (${TOUCH_KINDS})),
        campaign_id uuid REFERENCES campaigns (id),
        channel text CHECK (channel IN (${CHANNELS})),
        points int NOT NULL DEFAULT 0,
        duplicate boolean NOT NULL DEFAULT false,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        source_ip text,
        user_agent text,
        consent jsonb,
        payload jsonb,
        recorded_by uuid
      )`);
    await runner.query('CREATE INDEX lead_touches_lead ON lead_touches (lead_id, occurred_at)');
    await runner.query('CREATE INDEX lead_touches_campaign ON lead_touches (campaign_id)');

    await runner.query(`
      CREATE TABLE lead_history (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        kind text NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query('CREATE INDEX lead_history_lead ON lead_history (lead_id, at, id)');

    await runner.query(`
      CREATE TABLE scoring_rules (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('FIELD', 'ENGAGEMENT')),
        field text CHECK (field IN ('TITLE', 'COMPANY', 'COMPANY_SIZE', 'REGION', 'INDUSTRY')),
        operator text CHECK (operator IN ('CONTAINS_ANY', 'EQUALS_ANY')),
        match_values text[] NOT NULL DEFAULT '{}',
        touch_kind text CHECK (touch_kind IN (${TOUCH_KINDS})),
        campaign_id uuid REFERENCES campaigns (id),
        points int NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'FIELD' AND field IS NOT NULL AND operator IS NOT NULL AND cardinality(match_values) > 0)
            OR (kind = 'ENGAGEMENT' AND touch_kind IS NOT NULL))
      )`);
    await runner.query(`
      CREATE TABLE scoring_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        qualification_threshold int NOT NULL CHECK (qualification_threshold > 0),
        version int NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('INSERT INTO scoring_settings (qualification_threshold) VALUES (50)');
    for (const [name, kind, field, operator, values, touchKind, points] of DEFAULT_RULES) {
      await runner.query(
        `INSERT INTO scoring_rules (id, name, kind, field, operator, match_values, touch_kind, points)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [newId(), name, kind, field, operator, values, touchKind, points],
      );
    }

    await runner.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text,
        tags text[] NOT NULL DEFAULT '{}',
        min_score int,
        max_score int,
        statuses text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        campaign_ids uuid[] NOT NULL DEFAULT '{}',
        channels text[] NOT NULL DEFAULT '{}',
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX segments_name ON segments (lower(name))');

    await runner.query(`
      CREATE TABLE customer_marketing_tags (
        customer_id uuid PRIMARY KEY,
        tags text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Revenue of won opportunities and the campaign it is credited to (one row per opportunity).
    await runner.query(`
      CREATE TABLE attributions (
        opportunity_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        campaign_id uuid,
        lead_id uuid,
        rule text NOT NULL,
        amount numeric NOT NULL,
        currency text NOT NULL,
        won_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX attributions_campaign ON attributions (campaign_id)');

    // Web-form submissions per form key and client per window: the rate limit shared by replicas.
    await runner.query(`
      CREATE TABLE form_rate_windows (
        form_key text NOT NULL,
        client text NOT NULL,
        window_start timestamptz NOT NULL,
        hits int NOT NULL,
        PRIMARY KEY (form_key, client, window_start)
      )`);
    await runner.query('CREATE INDEX form_rate_windows_start ON form_rate_windows (window_start)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'form_rate_windows',
      'attributions',
      'customer_marketing_tags',
      'segments',
      'scoring_settings',
      'scoring_rules',
      'lead_history',
      'lead_touches',
      'leads',
      'campaigns',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
