/* fascia-relation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-relation.h"

G_DEFINE_BOXED_TYPE (FasciaRelation, fascia_relation, fascia_relation_copy, fascia_relation_free)

/**
 * fascia_relation_new:
 * @role: "culprit", "victim", "synergist" or "antagonist", from the point of view of the
 *   muscle that holds the relation
 * @muscle_id: the other muscle
 * @text: what happens between them, in plain words
 *
 * Returns: (transfer full): a new #FasciaRelation
 */
FasciaRelation *
fascia_relation_new (const char *role,
                     const char *muscle_id,
                     const char *text)
{
  FasciaRelation *self;

  g_return_val_if_fail (role != NULL, NULL);
  g_return_val_if_fail (muscle_id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (FasciaRelation, 1);
  self->role = g_strdup (role);
  self->muscle_id = g_strdup (muscle_id);
  self->text = g_strdup (text);

  return self;
}

FasciaRelation *
fascia_relation_copy (const FasciaRelation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return fascia_relation_new (self->role, self->muscle_id, self->text);
}

void
fascia_relation_free (FasciaRelation *self)
{
  if (self == NULL)
    return;

  g_free (self->role);
  g_free (self->muscle_id);
  g_free (self->text);
  g_free (self);
}
