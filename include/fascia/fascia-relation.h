/* fascia-relation.h — how one muscle affects another (culprit, victim, synergist,
 * antagonist), seen from the muscle that holds the relation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_RELATION (fascia_relation_get_type ())

typedef struct
{
  char *role;       /* "culprit", "victim", "synergist" or "antagonist" */
  char *muscle_id;  /* the other muscle */
  char *text;       /* what happens, in plain words */
} FasciaRelation;

GType           fascia_relation_get_type (void) G_GNUC_CONST;
FasciaRelation *fascia_relation_new      (const char           *role,
                                          const char           *muscle_id,
                                          const char           *text);
FasciaRelation *fascia_relation_copy     (const FasciaRelation *self);
void            fascia_relation_free     (FasciaRelation       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaRelation, fascia_relation_free)

G_END_DECLS
