/* fascia-date.h — the one way Fascia shows a date, on screen and on paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fascia_format_date             (GDateTime  *date);
char *fascia_format_date_and_time    (GDateTime  *date);
char *fascia_format_date_without_year (GDateTime *date);
char *fascia_format_iso_date         (const char *iso);

G_END_DECLS
