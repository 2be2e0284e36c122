-- 001-initial.sql — the first schema of the client database.
--
-- Applied in one transaction by fascia-store-migrate.c, which then sets PRAGMA user_version.
-- Conventions: STRICT tables; keys are `id`; a reference is `<singular>_id`; times are INTEGER
-- microseconds since 1970 UTC (`*_at`); calendar dates are TEXT `YYYY-MM-DD` (`*_date`,
-- `date_of_birth`); atlas records are referred to by their slug; `deleted_at` is the soft
-- delete that Undo reverses. Every text column the UI edits is NOT NULL DEFAULT ''.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

-- "FsCa": tells a Fascia database from any other SQLite file.
PRAGMA application_id = 1181959009;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE clients (
  id             INTEGER PRIMARY KEY,
  name           TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  email          TEXT    NOT NULL DEFAULT '',
  phone          TEXT    NOT NULL DEFAULT '',
  date_of_birth  TEXT    CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
  -- Intake: conditions that change how massage is done.
  pregnancy      INTEGER NOT NULL DEFAULT 0 CHECK (pregnancy IN (0, 1)),
  anticoagulants INTEGER NOT NULL DEFAULT 0 CHECK (anticoagulants IN (0, 1)),
  osteoporosis   INTEGER NOT NULL DEFAULT 0 CHECK (osteoporosis IN (0, 1)),
  recent_surgery INTEGER NOT NULL DEFAULT 0 CHECK (recent_surgery IN (0, 1)),
  red_flags      INTEGER NOT NULL DEFAULT 0 CHECK (red_flags IN (0, 1)),
  health_notes   TEXT    NOT NULL DEFAULT '',
  notes          TEXT    NOT NULL DEFAULT '',
  archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  -- Written by the store from name, email and phone: case- and accent-folded, for search as
  -- you type (search_key) and for the list order (sort_key).
  search_key     TEXT    NOT NULL DEFAULT '',
  sort_key       TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  deleted_at     INTEGER
) STRICT;

-- Covers the search: one ordered scan of this index answers a keystroke without touching the
-- table (the rowid rides along at the end).
CREATE INDEX clients_by_name ON clients (sort_key, archived, search_key) WHERE deleted_at IS NULL;

CREATE TABLE plans (
  id                 INTEGER PRIMARY KEY,
  client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  title              TEXT    NOT NULL DEFAULT '',
  goals              TEXT    NOT NULL DEFAULT '',
  sessions_per_week  INTEGER NOT NULL DEFAULT 1 CHECK (sessions_per_week BETWEEN 0 AND 14),
  weeks              INTEGER NOT NULL DEFAULT 0 CHECK (weeks BETWEEN 0 AND 104),
  status             TEXT    NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'active', 'completed')),
  start_date         TEXT    CHECK (start_date IS NULL OR date(start_date) IS start_date),
  end_date           TEXT    CHECK (end_date IS NULL OR date(end_date) IS end_date),
  discharge_criteria TEXT    NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  deleted_at         INTEGER
) STRICT;

CREATE INDEX plans_by_client ON plans (client_id);

CREATE TABLE plan_targets (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  muscle_id        TEXT    NOT NULL CHECK (length(muscle_id) > 0),
  side             TEXT    NOT NULL DEFAULT 'both'
                           CHECK (side IN ('none', 'left', 'right', 'both')),
  -- A JSON array of technique slugs, in the order they are done.
  technique_ids    TEXT    NOT NULL DEFAULT '[]'
                           CHECK (json_valid(technique_ids)
                                  AND json_type(technique_ids) = 'array'),
  pressure         TEXT    NOT NULL DEFAULT 'unset'
                           CHECK (pressure IN ('unset', 'light', 'moderate', 'firm', 'deep')),
  duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 240),
  notes            TEXT    NOT NULL DEFAULT '',
  position         INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  deleted_at       INTEGER
) STRICT;

CREATE INDEX plan_targets_by_plan ON plan_targets (plan_id, position);

CREATE TABLE home_exercises (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  technique_id TEXT    NOT NULL CHECK (length(technique_id) > 0),
  sets         INTEGER NOT NULL DEFAULT 0 CHECK (sets BETWEEN 0 AND 20),
  reps         INTEGER NOT NULL DEFAULT 0 CHECK (reps BETWEEN 0 AND 200),
  frequency    TEXT    NOT NULL DEFAULT '',
  notes        TEXT    NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  deleted_at   INTEGER
) STRICT;

CREATE INDEX home_exercises_by_plan ON home_exercises (plan_id, position);

CREATE TABLE visits (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  plan_id     INTEGER REFERENCES plans (id) ON DELETE SET NULL,
  visited_at  INTEGER NOT NULL,
  subjective  TEXT    NOT NULL DEFAULT '',
  objective   TEXT    NOT NULL DEFAULT '',
  assessment  TEXT    NOT NULL DEFAULT '',
  plan_notes  TEXT    NOT NULL DEFAULT '',
  -- NULL when not asked.
  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
  pain_after  INTEGER CHECK (pain_after BETWEEN 0 AND 10),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER
) STRICT;

CREATE INDEX visits_by_client ON visits (client_id, visited_at);
CREATE INDEX visits_by_plan ON visits (plan_id) WHERE plan_id IS NOT NULL;

-- Which plan targets a visit treated.
CREATE TABLE visit_targets (
  visit_id       INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  plan_target_id INTEGER NOT NULL REFERENCES plan_targets (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (visit_id, plan_target_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX visit_targets_by_target ON visit_targets (plan_target_id);

CREATE TABLE pain_marks (
  id         INTEGER PRIMARY KEY,
  visit_id   INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  view_id    TEXT    NOT NULL CHECK (length(view_id) > 0),
  -- Either a region of the drawing, or a point in the view's coordinates.
  region_id  TEXT,
  x          REAL,
  y          REAL,
  intensity  INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
  pain_type  TEXT    NOT NULL DEFAULT 'ache'
                     CHECK (pain_type IN ('ache', 'sharp', 'burning', 'numbness', 'tingling')),
  note       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  CHECK ((region_id IS NOT NULL AND x IS NULL AND y IS NULL)
         OR (region_id IS NULL AND x IS NOT NULL AND y IS NOT NULL))
) STRICT;

CREATE INDEX pain_marks_by_visit ON pain_marks (visit_id);

CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  visit_id      INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  muscle_id     TEXT    NOT NULL CHECK (length(muscle_id) > 0),
  side          TEXT    NOT NULL DEFAULT 'none'
                        CHECK (side IN ('none', 'left', 'right', 'both')),
  hypertonic    INTEGER NOT NULL DEFAULT 0 CHECK (hypertonic IN (0, 1)),
  trigger_point INTEGER NOT NULL DEFAULT 0 CHECK (trigger_point IN (0, 1)),
  tender        INTEGER NOT NULL DEFAULT 0 CHECK (tender IN (0, 1)),
  short         INTEGER NOT NULL DEFAULT 0 CHECK (short IN (0, 1)),
  weak          INTEGER NOT NULL DEFAULT 0 CHECK (weak IN (0, 1)),
  note          TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  deleted_at    INTEGER
) STRICT;

CREATE INDEX findings_by_visit ON findings (visit_id, muscle_id);

-- Changes to a visit made after its notes locked (a day after the visit). Never deleted on
-- their own: they are the record of what the notes said before.
CREATE TABLE amendments (
  id         INTEGER PRIMARY KEY,
  visit_id   INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  field      TEXT    NOT NULL,
  old_text   TEXT    NOT NULL,
  new_text   TEXT    NOT NULL,
  amended_at INTEGER NOT NULL
) STRICT;

CREATE INDEX amendments_by_visit ON amendments (visit_id, amended_at);
