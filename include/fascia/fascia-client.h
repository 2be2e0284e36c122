/* fascia-client.h — one client of the practice: contact details, intake and notes.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_CLIENT (fascia_client_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClient, fascia_client, FASCIA, CLIENT, GObject)

FasciaClient     *fascia_client_new               (void);
gint64            fascia_client_get_id            (FasciaClient *self);
void              fascia_client_set_id            (FasciaClient *self,
                                                   gint64        id);
const char       *fascia_client_get_name          (FasciaClient *self);
void              fascia_client_set_name          (FasciaClient *self,
                                                   const char   *name);
const char       *fascia_client_get_email         (FasciaClient *self);
void              fascia_client_set_email         (FasciaClient *self,
                                                   const char   *email);
const char       *fascia_client_get_phone         (FasciaClient *self);
void              fascia_client_set_phone         (FasciaClient *self,
                                                   const char   *phone);
const char       *fascia_client_get_date_of_birth (FasciaClient *self);
void              fascia_client_set_date_of_birth (FasciaClient *self,
                                                   const char   *date_of_birth);
FasciaHealthFlags fascia_client_get_health_flags  (FasciaClient *self);
void              fascia_client_set_health_flags  (FasciaClient      *self,
                                                   FasciaHealthFlags  health_flags);
guint             fascia_client_get_pregnancy_trimester (FasciaClient *self);
void              fascia_client_set_pregnancy_trimester (FasciaClient *self,
                                                         guint         trimester);
const char       *fascia_client_get_health_notes  (FasciaClient *self);
void              fascia_client_set_health_notes  (FasciaClient *self,
                                                   const char   *health_notes);
const char       *fascia_client_get_notes         (FasciaClient *self);
void              fascia_client_set_notes         (FasciaClient *self,
                                                   const char   *notes);
gboolean          fascia_client_get_archived      (FasciaClient *self);
void              fascia_client_set_archived      (FasciaClient *self,
                                                   gboolean      archived);
GDateTime        *fascia_client_get_created_at    (FasciaClient *self);
void              fascia_client_set_created_at    (FasciaClient *self,
                                                   GDateTime    *created_at);
GDateTime        *fascia_client_get_updated_at    (FasciaClient *self);
void              fascia_client_set_updated_at    (FasciaClient *self,
                                                   GDateTime    *updated_at);
gint64            fascia_client_get_revision      (FasciaClient *self);
void              fascia_client_set_revision      (FasciaClient *self,
                                                   gint64       revision);
const char       *fascia_client_get_updated_by    (FasciaClient *self);
void              fascia_client_set_updated_by    (FasciaClient *self,
                                                   const char   *updated_by);

gboolean          fascia_client_is_email          (const char   *text);
char             *fascia_client_format_initials   (const char   *name);

G_END_DECLS
