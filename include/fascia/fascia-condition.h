/* fascia-condition.h — the one closed vocabulary of health conditions that the intake form
 * records and that every technique's contraindications are written in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The id of each value is what techniques.json writes; an id never changes once released. */
typedef enum
{
  FASCIA_CONDITION_PREGNANCY,
  FASCIA_CONDITION_ANTICOAGULANTS,           /* anticoagulants or a bleeding disorder */
  FASCIA_CONDITION_OSTEOPOROSIS,
  FASCIA_CONDITION_RECENT_SURGERY,
  FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR,
  FASCIA_CONDITION_HIP_REPLACEMENT_POSTERIOR,
  FASCIA_CONDITION_ABDOMINAL_HERNIA,
  FASCIA_CONDITION_AORTIC_ANEURYSM_RISK,     /* derived from age, smoking, vascular disease */
  FASCIA_CONDITION_CANCER,                   /* cancer or active cancer treatment */
  FASCIA_CONDITION_STOMA,
  FASCIA_CONDITION_ENDOMETRIOSIS,
  FASCIA_CONDITION_RED_FLAGS,
  FASCIA_N_CONDITIONS
} FasciaCondition;

/* A set of conditions, one bit per FasciaCondition. */
typedef guint FasciaConditions;

#define FASCIA_CONDITION_BIT(c) (1u << (c))

typedef enum
{
  FASCIA_SAFETY_CAUTION,
  FASCIA_SAFETY_CONTRAINDICATED,
} FasciaSafetyLevel;

/**
 * FasciaContraindication:
 * @condition: the condition it applies to
 * @level: contraindicated, or a caution
 * @instead: what to do instead, in words
 *
 * One structured contraindication of a technique.
 */
typedef struct
{
  FasciaCondition    condition;
  FasciaSafetyLevel  level;
  char              *instead;
} FasciaContraindication;

/* The ids, in FasciaCondition order, %NULL-terminated. */
extern const char * const fascia_condition_ids[FASCIA_N_CONDITIONS + 1];

#define FASCIA_TYPE_CONTRAINDICATION (fascia_contraindication_get_type ())

GType                   fascia_contraindication_get_type  (void) G_GNUC_CONST;
FasciaContraindication *fascia_contraindication_new       (FasciaCondition          condition,
                                                           FasciaSafetyLevel        level,
                                                           const char              *instead);
FasciaContraindication *fascia_contraindication_copy      (const FasciaContraindication *self);
void                    fascia_contraindication_free      (FasciaContraindication  *self);

const char * const     *fascia_condition_list_ids         (void);
const char             *fascia_condition_to_id            (FasciaCondition          condition);
gboolean                fascia_condition_from_id          (const char              *id,
                                                           FasciaCondition         *condition);
const char             *fascia_condition_get_label        (FasciaCondition          condition);
const char * const     *fascia_safety_level_list_ids      (void);
gboolean                fascia_safety_level_from_id       (const char              *id,
                                                           FasciaSafetyLevel       *level);
const char             *fascia_safety_level_get_label     (FasciaSafetyLevel        level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaContraindication, fascia_contraindication_free)

G_END_DECLS
