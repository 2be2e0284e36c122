-- 002-study.sql — quiz results for the study page, and a Leitner box per quiz item.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE study_results (
  id          INTEGER PRIMARY KEY,
  item_id     TEXT    NOT NULL CHECK (length(item_id) BETWEEN 1 AND 200),
  quiz_kind   TEXT    NOT NULL CHECK (length(quiz_kind) BETWEEN 1 AND 100),
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at INTEGER NOT NULL
) STRICT;

CREATE INDEX study_results_by_item ON study_results (quiz_kind, item_id, answered_at);

-- Derived from study_results as they are added, so the page never replays the history.
CREATE TABLE study_items (
  quiz_kind  TEXT    NOT NULL,
  item_id    TEXT    NOT NULL,
  box        INTEGER NOT NULL DEFAULT 1 CHECK (box BETWEEN 1 AND 5),
  correct    INTEGER NOT NULL DEFAULT 0 CHECK (correct >= 0),
  wrong      INTEGER NOT NULL DEFAULT 0 CHECK (wrong >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (quiz_kind, item_id)
) STRICT, WITHOUT ROWID;
