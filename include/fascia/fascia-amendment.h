/* fascia-amendment.h — a change to a visit made after its notes locked, kept beside the original.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_AMENDMENT (fascia_amendment_get_type ())

G_DECLARE_FINAL_TYPE (FasciaAmendment, fascia_amendment, FASCIA, AMENDMENT, GObject)

FasciaAmendment  *fascia_amendment_new            (void);
gint64            fascia_amendment_get_id         (FasciaAmendment *self);
void              fascia_amendment_set_id         (FasciaAmendment *self,
                                                   gint64           id);
gint64            fascia_amendment_get_visit_id   (FasciaAmendment *self);
void              fascia_amendment_set_visit_id   (FasciaAmendment *self,
                                                   gint64           visit_id);
const char       *fascia_amendment_get_field      (FasciaAmendment *self);
void              fascia_amendment_set_field      (FasciaAmendment *self,
                                                   const char      *field);
const char       *fascia_amendment_get_old_text   (FasciaAmendment *self);
void              fascia_amendment_set_old_text   (FasciaAmendment *self,
                                                   const char      *old_text);
const char       *fascia_amendment_get_new_text   (FasciaAmendment *self);
void              fascia_amendment_set_new_text   (FasciaAmendment *self,
                                                   const char      *new_text);
GDateTime        *fascia_amendment_get_amended_at (FasciaAmendment *self);
void              fascia_amendment_set_amended_at (FasciaAmendment *self,
                                                   GDateTime       *amended_at);
const char       *fascia_amendment_get_amended_by (FasciaAmendment *self);
void              fascia_amendment_set_amended_by (FasciaAmendment *self,
                                                   const char      *amended_by);

G_END_DECLS
