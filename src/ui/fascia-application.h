/* fascia-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_APPLICATION (fascia_application_get_type ())

G_DECLARE_FINAL_TYPE (FasciaApplication, fascia_application, FASCIA, APPLICATION, AdwApplication)

FasciaApplication *fascia_application_new               (void);
char              *fascia_application_id_for_database   (const char        *path);
const char        *fascia_application_get_database_path (FasciaApplication *self);
void               fascia_application_set_database_path (FasciaApplication *self,
                                                         const char        *path);
GSettings         *fascia_application_get_settings      (FasciaApplication *self);

G_END_DECLS
