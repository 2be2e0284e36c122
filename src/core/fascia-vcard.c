/* fascia-vcard.c — clients as vCard 4.0 (RFC 6350), for an address book.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-records"

#include "config.h"

#include <string.h>

#include "fascia/fascia-records-export.h"

/* Text values escape `\`, `,`, `;` and line breaks (RFC 6350 §3.4). */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;
        case ',':
          g_string_append (line, "\\,");
          break;
        case ';':
          g_string_append (line, "\\;");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (line, "\\n");
          break;
        default:
          g_string_append_c (line, *p);
        }
    }
}

/* Folds a content line at 75 octets, never inside a UTF-8 character (RFC 6350 §3.2). */
static void
append_folded (GString    *out,
               const char *line)
{
  const char *p = line;
  gsize width = 0;

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);
      gsize length = next - p;

      if (width + length > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, length);
      width += length;
      p = next;
    }
  g_string_append (out, "\r\n");
}

static void
property (GString    *out,
          const char *name,
          const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

/**
 * fascia_vcard_export:
 * @n_cards: (out) (optional): how many cards were written
 *
 * Returns: (transfer full): a vCard 4.0 for every client that is not archived: name, email,
 *   phone and birthday; notes and health notes stay out of an address book. %NULL with an
 *   error.
 */
GBytes *
fascia_vcard_export (FasciaStore  *store,
                     guint        *n_cards,
                     GError      **error)
{
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clients = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_NONE, error);
  if (clients == NULL)
    return NULL;

  n = g_list_model_get_n_items (clients);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);
      const char *dob = fascia_client_get_date_of_birth (client);

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
      property (out, "FN", fascia_client_get_name (client));
      property (out, "EMAIL", fascia_client_get_email (client));
      property (out, "TEL;VALUE=text", fascia_client_get_phone (client));
      /* A date of birth in the basic format, 19780412 (RFC 6350 §4.3.1). */
      if (dob != NULL && strlen (dob) == 10)
        {
          g_autofree char *basic = g_strdup_printf ("%.4s%.2s%.2s", dob, dob + 5, dob + 8);

          property (out, "BDAY", basic);
        }
      g_string_append (out, "END:VCARD\r\n");
    }

  if (n_cards != NULL)
    *n_cards = n;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
