/* fascia-date.c — the one way Fascia shows a date, on screen and on paper.
 *
 * Every date a person reads — in a list, a heading, a field, a toast, a printed handout or
 * chart — is written by fascia_format_date(): the day, the month as a word and the year
 * ("2 Dec 2026"), which cannot be misread in any country, unlike 12/02/26. A time of day
 * follows it after a comma; a date without its year is only for the progress chart's axis,
 * which shows the year on its first date and wherever the year changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fascia/fascia-date.h"

/**
 * fascia_format_date:
 * @date: (nullable): a moment, in the time zone it is to be shown in
 *
 * Returns: (transfer full): the day of @date as Fascia shows every date ("2 Dec 2026");
 *   "No date" for %NULL
 */
char *
fascia_format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("No date"));

  /* Translators: how every date is shown and printed, see g_date_time_format(); keep the
   * month as a word (%b or %B) so that day and month cannot be mistaken for each other */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/**
 * fascia_format_date_and_time:
 * @date: (nullable): a moment, in the time zone it is to be shown in
 *
 * Returns: (transfer full): the day as fascia_format_date() writes it and the time of day
 *   ("2 Dec 2026, 14:30")
 */
char *
fascia_format_date_and_time (GDateTime *date)
{
  g_autofree char *day = fascia_format_date (date);
  g_autofree char *time = NULL;

  if (date == NULL)
    return g_steal_pointer (&day);

  time = g_date_time_format (date, "%H:%M");
  /* Translators: a date and a time of day, e.g. "2 Dec 2026, 14:30" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/**
 * fascia_format_date_without_year:
 * @date: a moment, in the time zone it is to be shown in
 *
 * Only where the year is shown nearby (the progress chart's axis shows it on its first
 * date and wherever it changes).
 *
 * Returns: (transfer full): the day as fascia_format_date() writes it, without the year
 *   ("2 Dec")
 */
char *
fascia_format_date_without_year (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: a date without its year, where the year is shown nearby; it must read
   * as the translation of "%-d %b %Y" (how every date is shown) without the year */
  return g_date_time_format (date, _("%-d %b"));
}

/**
 * fascia_format_iso_date:
 * @iso: (nullable): a day as the database keeps it, YYYY-MM-DD
 *
 * Returns: (transfer full): @iso as fascia_format_date() writes it; "" for no date, and
 *   @iso itself if it is not a day (so that nothing typed is ever hidden)
 */
char *
fascia_format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *midnight = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");

  /* Only a whole YYYY-MM-DD: g_date_time_new_from_iso8601() would take more. */
  if (strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return g_strdup (iso);
  midnight = g_strdup_printf ("%sT00:00:00", iso);
  local = g_time_zone_new_local ();
  date = g_date_time_new_from_iso8601 (midnight, local);
  if (date == NULL)
    return g_strdup (iso);

  return fascia_format_date (date);
}
