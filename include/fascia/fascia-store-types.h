/* fascia-store-types.h — the enumerations and flags of the client store and its model objects.
 *
 * The nick of each value is also the text stored in the database, so a nick never changes once
 * released; a new value gets a new nick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-types.h"

G_BEGIN_DECLS

/* Health flags recorded at intake that change how a therapist works. */
typedef enum /*< flags >*/
{
  FASCIA_HEALTH_NONE           = 0,
  FASCIA_HEALTH_PREGNANCY      = 1 << 0,
  FASCIA_HEALTH_ANTICOAGULANTS = 1 << 1,
  FASCIA_HEALTH_OSTEOPOROSIS   = 1 << 2,
  FASCIA_HEALTH_RECENT_SURGERY = 1 << 3,
  FASCIA_HEALTH_RED_FLAGS      = 1 << 4,  /* e.g. night pain, weight loss: refer out */
  FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR  = 1 << 5,
  FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR = 1 << 6,
  FASCIA_HEALTH_ABDOMINAL_HERNIA          = 1 << 7,
  FASCIA_HEALTH_SMOKER                    = 1 << 8,   /* an aortic aneurysm risk factor */
  FASCIA_HEALTH_VASCULAR_DISEASE          = 1 << 9,   /* incl. a known aneurysm */
  FASCIA_HEALTH_CANCER                    = 1 << 10,  /* cancer or active treatment */
  FASCIA_HEALTH_STOMA                     = 1 << 11,
  FASCIA_HEALTH_ENDOMETRIOSIS             = 1 << 12,
} FasciaHealthFlags;

typedef enum
{
  FASCIA_PLAN_STATUS_DRAFT,
  FASCIA_PLAN_STATUS_ACTIVE,
  FASCIA_PLAN_STATUS_COMPLETED,
} FasciaPlanStatus;

typedef enum
{
  FASCIA_PRESSURE_UNSET,
  FASCIA_PRESSURE_LIGHT,
  FASCIA_PRESSURE_MODERATE,
  FASCIA_PRESSURE_FIRM,
  FASCIA_PRESSURE_DEEP,
} FasciaPressure;

typedef enum
{
  FASCIA_PAIN_ACHE,
  FASCIA_PAIN_SHARP,
  FASCIA_PAIN_BURNING,
  FASCIA_PAIN_NUMBNESS,
  FASCIA_PAIN_TINGLING,
} FasciaPainType;

/* What a therapist found in one muscle at one visit. */
typedef enum /*< flags >*/
{
  FASCIA_FINDING_NONE          = 0,
  FASCIA_FINDING_HYPERTONIC    = 1 << 0,
  FASCIA_FINDING_TRIGGER_POINT = 1 << 1,
  FASCIA_FINDING_TENDER        = 1 << 2,
  FASCIA_FINDING_SHORT         = 1 << 3,
  FASCIA_FINDING_WEAK          = 1 << 4,
} FasciaFindingFlags;

/* The fields of a visit that lock a day after the visit; changes after that are amendments. */
typedef enum
{
  FASCIA_VISIT_FIELD_SUBJECTIVE,
  FASCIA_VISIT_FIELD_OBJECTIVE,
  FASCIA_VISIT_FIELD_ASSESSMENT,
  FASCIA_VISIT_FIELD_PLAN_NOTES,
} FasciaVisitField;

/* The tables a FasciaStore::changed signal is about; the nick is the signal detail. */
typedef enum
{
  FASCIA_STORE_TABLE_CLIENTS,
  FASCIA_STORE_TABLE_PLANS,
  FASCIA_STORE_TABLE_PLAN_TARGETS,
  FASCIA_STORE_TABLE_HOME_EXERCISES,
  FASCIA_STORE_TABLE_VISITS,
  FASCIA_STORE_TABLE_PAIN_MARKS,
  FASCIA_STORE_TABLE_FINDINGS,
  FASCIA_STORE_TABLE_AMENDMENTS,
  FASCIA_STORE_TABLE_STUDY_RESULTS,
} FasciaStoreTable;

typedef enum
{
  FASCIA_STORE_CHANGE_ADDED,
  FASCIA_STORE_CHANGE_UPDATED,
  FASCIA_STORE_CHANGE_DELETED,    /* soft-deleted: fascia_store_undelete() brings it back */
  FASCIA_STORE_CHANGE_RESTORED,
  FASCIA_STORE_CHANGE_RELOAD,     /* many rows at once (import, restore): reload what you show */
} FasciaStoreChange;

#define FASCIA_TYPE_SIDE                (fascia_side_get_type ())
#define FASCIA_TYPE_HEALTH_FLAGS        (fascia_health_flags_get_type ())
#define FASCIA_TYPE_PLAN_STATUS         (fascia_plan_status_get_type ())
#define FASCIA_TYPE_PRESSURE            (fascia_pressure_get_type ())
#define FASCIA_TYPE_PAIN_TYPE           (fascia_pain_type_get_type ())
#define FASCIA_TYPE_FINDING_FLAGS       (fascia_finding_flags_get_type ())
#define FASCIA_TYPE_VISIT_FIELD         (fascia_visit_field_get_type ())
#define FASCIA_TYPE_STORE_TABLE         (fascia_store_table_get_type ())
#define FASCIA_TYPE_STORE_CHANGE        (fascia_store_change_get_type ())

GType fascia_side_get_type          (void) G_GNUC_CONST;
GType fascia_health_flags_get_type  (void) G_GNUC_CONST;
GType fascia_plan_status_get_type   (void) G_GNUC_CONST;
GType fascia_pressure_get_type      (void) G_GNUC_CONST;
GType fascia_pain_type_get_type     (void) G_GNUC_CONST;
GType fascia_finding_flags_get_type (void) G_GNUC_CONST;
GType fascia_visit_field_get_type   (void) G_GNUC_CONST;
GType fascia_store_table_get_type   (void) G_GNUC_CONST;
GType fascia_store_change_get_type  (void) G_GNUC_CONST;

G_END_DECLS
