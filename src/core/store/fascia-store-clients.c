/* fascia-store-clients.c — the clients table, and search as you type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia-client-list.h"
#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

enum {
  CLIENT_COL_ID,
  CLIENT_COL_NAME,
  CLIENT_COL_EMAIL,
  CLIENT_COL_PHONE,
  CLIENT_COL_DATE_OF_BIRTH,
  CLIENT_COL_PREGNANCY,
  CLIENT_COL_ANTICOAGULANTS,
  CLIENT_COL_OSTEOPOROSIS,
  CLIENT_COL_RECENT_SURGERY,
  CLIENT_COL_RED_FLAGS,
  CLIENT_COL_HEALTH_NOTES,
  CLIENT_COL_NOTES,
  CLIENT_COL_ARCHIVED,
  CLIENT_COL_CREATED_AT,
  CLIENT_COL_UPDATED_AT,
  CLIENT_COL_PREGNANCY_TRIMESTER,
  CLIENT_COL_HIP_REPLACEMENT_ANTERIOR,  /* the first of more_health_columns */
  CLIENT_COL_REVISION = CLIENT_COL_HIP_REPLACEMENT_ANTERIOR + 8,
  CLIENT_COL_UPDATED_BY,
};

/* The health flags, in the order of their columns. */
static const FasciaHealthFlags health_columns[] = {
  FASCIA_HEALTH_PREGNANCY,
  FASCIA_HEALTH_ANTICOAGULANTS,
  FASCIA_HEALTH_OSTEOPOROSIS,
  FASCIA_HEALTH_RECENT_SURGERY,
  FASCIA_HEALTH_RED_FLAGS,
};

/* The health flags that migration 3 added, in the order of their columns. */
static const FasciaHealthFlags more_health_columns[] = {
  FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR,
  FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR,
  FASCIA_HEALTH_ABDOMINAL_HERNIA,
  FASCIA_HEALTH_SMOKER,
  FASCIA_HEALTH_VASCULAR_DISEASE,
  FASCIA_HEALTH_CANCER,
  FASCIA_HEALTH_STOMA,
  FASCIA_HEALTH_ENDOMETRIOSIS,
};

/*
 * fascia_store_fold:
 *
 * Folds @text for searching and sorting: lower case, compatibility-decomposed, accents and
 * other combining marks dropped, runs of white space made one space. "Zoë  O'Brien" and
 * "zoe o'brien" fold alike.
 *
 * Returns: (transfer full): the folded text.
 */
char *
fascia_store_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = TRUE;

  if (text == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (g_unichar_isspace (c))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }

      g_string_append_unichar (out, c);
      space = FALSE;
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* "(555) 010-2030" and "555 0102030" both give "5550102030". */
static char *
digits_of (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
looks_like_phone (const char *word)
{
  gboolean digit = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+-()./", *p) == NULL)
        return FALSE;
    }

  return digit;
}

/* The fields are joined with newlines, which a folded search word never holds, so a word
 * never matches across two fields. */
char *
fascia_store_client_search_key (FasciaClient *client)
{
  g_autofree char *name = fascia_store_fold (fascia_client_get_name (client));
  g_autofree char *email = fascia_store_fold (fascia_client_get_email (client));
  g_autofree char *phone = fascia_store_fold (fascia_client_get_phone (client));
  g_autofree char *digits = digits_of (fascia_client_get_phone (client));

  return g_strjoin ("\n", name, email, phone, digits, NULL);
}

static gboolean
validate_client (FasciaClient  *client,
                 GError       **error)
{
  const char *name = fascia_client_get_name (client);
  const char *email = fascia_client_get_email (client);
  const char *phone = fascia_client_get_phone (client);
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (!fascia_store_check_text (name, FASCIA_STORE_MAX_NAME, "name", error) ||
      !fascia_store_check_text (email, FASCIA_STORE_MAX_SHORT, "email address", error) ||
      !fascia_store_check_text (phone, FASCIA_STORE_MAX_SHORT, "phone number", error) ||
      !fascia_store_check_text (fascia_client_get_health_notes (client), FASCIA_STORE_MAX_NOTE,
                                "health notes", error) ||
      !fascia_store_check_text (fascia_client_get_notes (client), FASCIA_STORE_MAX_NOTE,
                                "notes", error) ||
      !fascia_store_check_date (fascia_client_get_date_of_birth (client), "date of birth",
                                error))
    return FALSE;

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "A client needs a name");
      return FALSE;
    }

  if (email[0] != '\0' && !fascia_client_is_email (email))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not an email address", email);
      return FALSE;
    }

  if (phone[0] != '\0' && strpbrk (phone, "0123456789") == NULL)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not a phone number", phone);
      return FALSE;
    }

  return TRUE;
}

/* Binds the columns shared by INSERT and UPDATE: ?2 … ?25. */
static void
bind_client (FasciaStoreStmt *stmt,
             FasciaClient    *client,
             const char      *search_key,
             const char      *sort_key,
             gint64           now)
{
  FasciaHealthFlags flags = fascia_client_get_health_flags (client);

  fascia_store_bind_text (stmt, 2, fascia_client_get_name (client));
  fascia_store_bind_text (stmt, 3, fascia_client_get_email (client));
  fascia_store_bind_text (stmt, 4, fascia_client_get_phone (client));
  fascia_store_bind_text_or_null (stmt, 5, fascia_client_get_date_of_birth (client));
  for (guint i = 0; i < G_N_ELEMENTS (health_columns); i++)
    fascia_db_bind_int64 (stmt, 6 + i, (flags & health_columns[i]) != 0);
  fascia_store_bind_text (stmt, 11, fascia_client_get_health_notes (client));
  fascia_store_bind_text (stmt, 12, fascia_client_get_notes (client));
  fascia_db_bind_int64 (stmt, 13, fascia_client_get_archived (client));
  fascia_db_bind_text (stmt, 14, search_key);
  fascia_db_bind_text (stmt, 15, sort_key);
  fascia_db_bind_int64 (stmt, 16, now);
  fascia_db_bind_int64 (stmt, 17, fascia_client_get_pregnancy_trimester (client));
  for (guint i = 0; i < G_N_ELEMENTS (more_health_columns); i++)
    fascia_db_bind_int64 (stmt, 18 + i, (flags & more_health_columns[i]) != 0);
}

FasciaClient *
fascia_store_client_from_row (FasciaStoreStmt *stmt)
{
  FasciaClient *client = fascia_client_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, CLIENT_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, CLIENT_COL_UPDATED_AT);
  FasciaHealthFlags flags = FASCIA_HEALTH_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (health_columns); i++)
    if (fascia_db_column_int (stmt, CLIENT_COL_PREGNANCY + i))
      flags |= health_columns[i];
  for (guint i = 0; i < G_N_ELEMENTS (more_health_columns); i++)
    if (fascia_db_column_int (stmt, CLIENT_COL_HIP_REPLACEMENT_ANTERIOR + i))
      flags |= more_health_columns[i];

  fascia_client_set_id (client, fascia_db_column_int64 (stmt, CLIENT_COL_ID));
  fascia_client_set_name (client, fascia_store_column_text (stmt, CLIENT_COL_NAME));
  fascia_client_set_email (client, fascia_store_column_text (stmt, CLIENT_COL_EMAIL));
  fascia_client_set_phone (client, fascia_store_column_text (stmt, CLIENT_COL_PHONE));
  fascia_client_set_date_of_birth (client,
                                   fascia_store_column_text (stmt, CLIENT_COL_DATE_OF_BIRTH));
  fascia_client_set_health_flags (client, flags);
  fascia_client_set_health_notes (client, fascia_store_column_text (stmt, CLIENT_COL_HEALTH_NOTES));
  fascia_client_set_notes (client, fascia_store_column_text (stmt, CLIENT_COL_NOTES));
  fascia_client_set_archived (client, fascia_db_column_int (stmt, CLIENT_COL_ARCHIVED));
  fascia_client_set_pregnancy_trimester (client,
                                         fascia_db_column_int (stmt, CLIENT_COL_PREGNANCY_TRIMESTER));
  fascia_client_set_created_at (client, created_at);
  fascia_client_set_updated_at (client, updated_at);
  fascia_client_set_revision (client, fascia_db_column_int64 (stmt, CLIENT_COL_REVISION));
  fascia_client_set_updated_by (client, fascia_db_column_text (stmt, CLIENT_COL_UPDATED_BY));

  return client;
}

static void
set_times (FasciaClient *client,
           gint64        created,
           gint64        updated)
{
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;

  if (created != 0)
    {
      created_at = fascia_store_datetime_from_usec (created);
      fascia_client_set_created_at (client, created_at);
    }
  updated_at = fascia_store_datetime_from_usec (updated);
  fascia_client_set_updated_at (client, updated_at);
}

/* Inside a transaction: validates and inserts @client, sets its id. */
gboolean
fascia_store_insert_client (FasciaStore   *self,
                            FasciaClient  *client,
                            GError       **error)
{
  return fascia_store_insert_client_token (self, client, NULL, error);
}

/* As above, the INSERT carrying @token (nullable; fascia_store_new_add_token()). */
gboolean
fascia_store_insert_client_token (FasciaStore   *self,
                                  FasciaClient  *client,
                                  const char    *token,
                                  GError       **error)
{
  static const char sql[] =
    "INSERT INTO clients (name, email, phone, date_of_birth, pregnancy, anticoagulants, "
    "osteoporosis, recent_surgery, red_flags, health_notes, notes, archived, search_key, "
    "sort_key, created_at, updated_at, pregnancy_trimester, hip_replacement_anterior, "
    "hip_replacement_posterior, abdominal_hernia, smoker, vascular_disease, cancer, stoma, "
    "endometriosis, add_token) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) RETURNING id";
  /* The front desk of a clinic server: its contact details alone (the server's grants). */
  static const char contact_sql[] =
    "INSERT INTO clients (name, email, phone, date_of_birth, archived, search_key, sort_key, "
    "created_at, updated_at, add_token) VALUES (?2, ?3, ?4, ?5, ?13, ?14, ?15, ?16, ?16, ?26) "
    "RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autofree char *search_key = NULL;
  g_autofree char *sort_key = NULL;
  gint64 now = fascia_store_now ();
  gint64 id;

  if (!validate_client (client, error))
    return FALSE;

  stmt = fascia_store_prepare (self, fascia_store_get_access (self) == FASCIA_STORE_ACCESS_FULL
                                     ? sql : contact_sql, error);
  if (stmt == NULL)
    return FALSE;

  search_key = fascia_store_client_search_key (client);
  sort_key = fascia_store_fold (fascia_client_get_name (client));
  bind_client (stmt, client, search_key, sort_key, now);
  fascia_db_bind_text (stmt, 26, token);

  if (!fascia_store_step_id (self, stmt, &id, error))
    return FALSE;

  fascia_client_set_id (client, id);
  set_times (client, now, now);
  fascia_client_set_revision (client, 1);
  fascia_store_queue_change (self, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_ADDED, id, id);

  return TRUE;
}

/**
 * fascia_store_add_client:
 * @client: a new client; its id is set on success
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_INVALID for a missing name, a malformed
 *   email address, phone number or date of birth.
 */
gboolean
fascia_store_add_client (FasciaStore   *self,
                         FasciaClient  *client,
                         GError       **error)
{
  g_autofree char *token = fascia_store_new_add_token ();

  return fascia_store_add_client_token (self, client, token, error);
}

static gboolean
add_client_now (FasciaStore   *self,
                FasciaClient  *client,
                const char    *token,
                GError       **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (fascia_client_get_id (client) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_client (client, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  if (!fascia_store_insert_client_token (self, client, token, error))
    {
      fascia_store_rollback (self);
      fascia_client_set_id (client, 0);
      return FALSE;
    }

  if (!fascia_store_commit (self, error))
    {
      fascia_client_set_id (client, 0);
      return FALSE;
    }

  return TRUE;
}

/* As above, the INSERT carrying @token (fascia_store_new_add_token()); when the clinic server
 * cannot be reached, the client is kept in the store's journal with it and a provisional id,
 * to be added when the server is back (fascia-store-journal.c). */
gboolean
fascia_store_add_client_token (FasciaStore   *self,
                               FasciaClient  *client,
                               const char    *token,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* Its slot's count is updated with it (fascia_store_retry_conflict()). */
  for (guint attempt = 1;
       !(done = add_client_now (self, client, token, &local_error)) &&
       fascia_store_retry_conflict (self, attempt, &local_error);
       attempt++)
    ;

  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_CLIENT, G_OBJECT (client), 0, token,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/* Inside a transaction: validates and saves every property of @client. */
gboolean
fascia_store_save_client (FasciaStore   *self,
                          FasciaClient  *client,
                          GError       **error)
{
  static const char sql[] =
    "UPDATE clients SET name = ?2, email = ?3, phone = ?4, date_of_birth = ?5, pregnancy = ?6, "
    "anticoagulants = ?7, osteoporosis = ?8, recent_surgery = ?9, red_flags = ?10, "
    "health_notes = ?11, notes = ?12, archived = ?13, search_key = ?14, sort_key = ?15, "
    "updated_at = ?16, pregnancy_trimester = ?17, hip_replacement_anterior = ?18, "
    "hip_replacement_posterior = ?19, abdominal_hernia = ?20, smoker = ?21, "
    "vascular_disease = ?22, cancer = ?23, stoma = ?24, endometriosis = ?25, "
    "revision = revision + 1 WHERE id = ?1 AND deleted_at IS NULL AND revision = ?26";
  /* The front desk of a clinic server: its contact details alone (the server's grants). */
  static const char contact_sql[] =
    "UPDATE clients SET name = ?2, email = ?3, phone = ?4, date_of_birth = ?5, archived = ?13, "
    "search_key = ?14, sort_key = ?15, updated_at = ?16, revision = revision + 1 "
    "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?26";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autofree char *search_key = NULL;
  g_autofree char *sort_key = NULL;
  gint64 id = fascia_client_get_id (client);
  gint64 now = fascia_store_now ();

  if (!validate_client (client, error))
    return FALSE;

  stmt = fascia_store_prepare (self, fascia_store_get_access (self) == FASCIA_STORE_ACCESS_FULL
                                     ? sql : contact_sql, error);
  if (stmt == NULL)
    return FALSE;

  search_key = fascia_store_client_search_key (client);
  sort_key = fascia_store_fold (fascia_client_get_name (client));
  fascia_db_bind_int64 (stmt, 1, id);
  bind_client (stmt, client, search_key, sort_key, now);
  fascia_db_bind_int64 (stmt, 26, fascia_client_get_revision (client));

  if (!fascia_store_step_revised (self, stmt, FASCIA_STORE_TABLE_CLIENTS, "client", id, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_UPDATED,
                             id, id);
  set_times (client, 0, now);
  fascia_client_set_revision (client, fascia_client_get_revision (client) + 1);
  return TRUE;
}

/**
 * fascia_store_update_client:
 * @client: a client from the store, changed
 *
 * As fascia_store_update_client_full(), without the other version on a conflict.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_client (FasciaStore   *self,
                            FasciaClient  *client,
                            GError       **error)
{
  return fascia_store_update_client_full (self, client, NULL, error);
}

/**
 * fascia_store_update_client_full:
 * @client: a client from the store, changed; its #FasciaClient:revision is the one it was
 *   read at, and is counted up on success
 * @theirs: (out) (optional) (transfer full): on %FASCIA_STORE_ERROR_CONFLICT, the client as
 *   someone else saved it since @client was read
 *
 * Saves every property of @client, unless someone else saved the client since @client was
 * read: then nothing is saved and the caller lets the user choose.
 *
 * Returns: %TRUE on success.
 */
static gboolean
update_client_full_now (FasciaStore    *self,
                        FasciaClient   *client,
                        FasciaClient  **theirs,
                        GError        **error)
{
  g_autoptr(GDateTime) updated_at = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 revision;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (theirs == NULL || *theirs == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_client (client, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  updated_at = fascia_client_get_updated_at (client) != NULL
               ? g_date_time_ref (fascia_client_get_updated_at (client)) : NULL;
  revision = fascia_client_get_revision (client);
  if (!fascia_store_save_client (self, client, &local_error))
    {
      fascia_store_rollback (self);
      if (theirs != NULL &&
          g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
        *theirs = fascia_store_get_client (self, fascia_client_get_id (client), NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!fascia_store_commit (self, error))
    {
      if (updated_at != NULL)
        fascia_client_set_updated_at (client, updated_at);
      fascia_client_set_revision (client, revision);
      return FALSE;
    }

  return TRUE;
}

/* A change of @client kept in the journal while the clinic server is away is told as a save
 * is, so that a list shows the client as changed (fascia_store_get_kept()). */
static void
announce_kept (FasciaStore  *self,
               FasciaClient *client)
{
  fascia_store_announce (self, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_UPDATED,
                         fascia_client_get_id (client), fascia_client_get_id (client));
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
gboolean
fascia_store_update_client_full (FasciaStore    *self,
                                 FasciaClient   *client,
                                 FasciaClient  **theirs,
                                 GError        **error)
{
  gint64 revision;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* One added while the server was away: its addition in the journal is changed, or it has
   * been saved since and its id is set to the server's. */
  switch (fascia_store_keep_provisional (self, FASCIA_JOURNAL_CLIENT, G_OBJECT (client), error))
    {
    case 1:
      announce_kept (self, client);
      return TRUE;
    case -1: return FALSE;
    default: break;
    }

  revision = fascia_client_get_revision (client);
  done = update_client_full_now (self, client, theirs, &local_error);
  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_CLIENT, G_OBJECT (client), revision, NULL,
                                    local_error);
      if (fascia_store_edit_was_kept (self, local_error))
        announce_kept (self, client);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_set_client_archived:
 * @archived: %TRUE to archive: the client leaves the default list but keeps every record
 *
 * Returns: %TRUE on success.
 */
static gboolean set_client_archived_once (FasciaStore  *self,
                                          gint64        client_id,
                                          gboolean      archived,
                                          GError      **error);

gboolean
fascia_store_set_client_archived (FasciaStore  *self,
                                  gint64        client_id,
                                  gboolean      archived,
                                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Both archive states' counts of its slot are updated (fascia_store_retry_conflict()). */
  for (guint attempt = 1;
       !set_client_archived_once (self, client_id, archived, &local_error);
       attempt++)
    if (!fascia_store_retry_conflict (self, attempt, &local_error))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

  return TRUE;
}

static gboolean
set_client_archived_once (FasciaStore  *self,
                          gint64        client_id,
                          gboolean      archived,
                          GError      **error)
{
  static const char sql[] =
    "UPDATE clients SET archived = ?2, updated_at = ?3, revision = revision + 1 "
    "WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = NULL;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_begin (self, error))
    return FALSE;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  fascia_db_bind_int64 (stmt, 1, client_id);
  fascia_db_bind_int64 (stmt, 2, !!archived);
  fascia_db_bind_int64 (stmt, 3, fascia_store_now ());
  if (!fascia_store_step_changed (self, stmt, "client", client_id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_UPDATED,
                             client_id, client_id);
  return fascia_store_commit (self, error);

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* Reads one client, for fascia_store_get_client() and the lazy list. */
FasciaClient *
fascia_store_load_client (FasciaStore  *self,
                          gint64        client_id,
                          GError      **error)
{
  static const char sql[] =
    "SELECT " FASCIA_CLIENT_COLUMNS " FROM clients WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return NULL;

  fascia_db_bind_int64 (stmt, 1, client_id);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return fascia_store_client_from_row (stmt);

  if (rc == FASCIA_DB_DONE)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                 "There is no client %" G_GINT64_FORMAT, client_id);
  else
    fascia_store_step_failed (rc, error);

  return NULL;
}

/**
 * fascia_store_get_client:
 *
 * Returns: (transfer full): the client, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND if there
 *   is none or it was deleted.
 */
FasciaClient *
fascia_store_get_client (FasciaStore  *self,
                         gint64        client_id,
                         GError      **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_load_client (self, client_id, error);
}

/* A term for an FTS5 MATCH: a string in double quotes, which the trigram tokenizer turns
 * into "these characters, in this order, anywhere". */
static void
append_match_term (GString    *match,
                   const char *term)
{
  if (match->len > 0)
    g_string_append_c (match, ' ');
  g_string_append_c (match, '"');
  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

/* The same for PostgreSQL: a LIKE pattern "%term%", after the patterns before it. */
static void
append_like_term (GString    *patterns,
                  const char *term)
{
  if (patterns->len > 0)
    g_string_append_c (patterns, '\001');
  g_string_append_c (patterns, '%');
  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (patterns, '\\');
      g_string_append_c (patterns, *p);
    }
  g_string_append_c (patterns, '%');
}

/*
 * fascia_client_query_new:
 * @text: (nullable): what the user typed
 *
 * Splits @text into the terms of a search. A term of three characters or more is looked up
 * in the trigram index; shorter terms are checked on the rows the index found. When every
 * term is shorter than that, nothing can be looked up by substring without reading every
 * client, so the query lists the clients whose (folded) name begins with @text instead.
 *
 * Returns: (transfer full): the query
 */
FasciaClientQuery *
fascia_client_query_new (FasciaStore          *store,
                         const char           *text,
                         FasciaStoreListFlags  flags)
{
  FasciaClientQuery *query = g_new0 (FasciaClientQuery, 1);
  g_autofree char *folded = fascia_store_fold (text);
  g_auto(GStrv) words = folded[0] != '\0' ? g_strsplit (folded, " ", -1) : g_new0 (char *, 1);
  guint n_words = g_strv_length (words);
  guint n_terms = MIN (n_words, FASCIA_CLIENT_QUERY_MAX_TERMS);
  g_autoptr(GString) match = g_string_new (NULL);
  gboolean server = fascia_db_get_engine (fascia_store_get_db (store))
                    == FASCIA_DB_ENGINE_POSTGRESQL;

  query->store = g_object_ref (store);
  query->typed = g_strdup (text != NULL ? text : "");
  query->flags = flags;
  query->archived = (flags & FASCIA_STORE_LIST_ARCHIVED) != 0;
  query->growing = (flags & FASCIA_STORE_LIST_GROWING) != 0;
  query->kind = FASCIA_CLIENT_QUERY_ALL;
  if (n_terms == 0)
    return query;

  for (guint i = 0; i < n_terms; i++)
    {
      g_autofree char *term = NULL;

      if (i == FASCIA_CLIENT_QUERY_MAX_TERMS - 1 && n_words > FASCIA_CLIENT_QUERY_MAX_TERMS)
        term = g_strjoinv (" ", words + i);
      else if (looks_like_phone (words[i]))
        term = digits_of (words[i]);
      else
        term = g_strdup (words[i]);

      if (term[0] != '\0')
        query->walk_terms[query->n_walk_terms++] = g_strdup (term);
      if (g_utf8_strlen (term, -1) >= FASCIA_CLIENT_QUERY_MIN_INDEXED && server)
        {
          g_autoptr(GString) like = g_string_new (NULL);

          append_like_term (like, term);
          query->like[query->n_like++] = g_strdup (like->str);
          append_like_term (match, term);
        }
      else if (g_utf8_strlen (term, -1) >= FASCIA_CLIENT_QUERY_MIN_INDEXED)
        append_match_term (match, term);
      else if (query->n_short_terms < G_N_ELEMENTS (query->short_terms))
        query->short_terms[query->n_short_terms++] = g_steal_pointer (&term);
    }

  if (match->len > 0)
    {
      query->kind = FASCIA_CLIENT_QUERY_MATCH;
      query->text = g_string_free (g_steal_pointer (&match), FALSE);
      return query;
    }

  /* Folded text is valid UTF-8, which never holds the byte 0xFF: every name that begins
   * with the text sorts before the text followed by it. PostgreSQL takes only valid UTF-8:
   * there the end is the text followed by the last code point, U+10FFFF. */
  for (guint i = 0; i < query->n_short_terms; i++)
    g_clear_pointer (&query->short_terms[i], g_free);
  query->n_short_terms = 0;
  query->kind = FASCIA_CLIENT_QUERY_PREFIX;
  query->end = g_strconcat (folded, server ? "\xf4\x8f\xbf\xbf" : "\xff", NULL);
  query->text = g_steal_pointer (&folded);

  return query;
}

/*
 * fascia_client_query_finds:
 * @client: a client not read from the database (one added while the clinic server is away)
 *
 * Whether the list of @query would hold @client, as the database finds it: not archived
 * unless the list holds those, and with every term in its search key (a search), or a name
 * that begins with the text (a prefix). Read from @client alone, in memory.
 */
gboolean
fascia_client_query_finds (FasciaClientQuery *query,
                           FasciaClient      *client)
{
  g_autofree char *key = NULL;

  if (fascia_client_get_archived (client) && !query->archived)
    return FALSE;

  switch (query->kind)
    {
    case FASCIA_CLIENT_QUERY_PREFIX:
      key = fascia_store_fold (fascia_client_get_name (client));
      return strcmp (key, query->text) >= 0 && strcmp (key, query->end) < 0;
    case FASCIA_CLIENT_QUERY_MATCH:
      key = fascia_store_client_search_key (client);
      for (guint i = 0; i < query->n_walk_terms; i++)
        if (strstr (key, query->walk_terms[i]) == NULL)
          return FALSE;
      return TRUE;
    case FASCIA_CLIENT_QUERY_ALL:
    default:
      return TRUE;
    }
}

/**
 * fascia_store_list_clients:
 * @query: (nullable): what the user typed: every word must appear in the name, email or
 *   phone number, in any case and with or without accents; when every word is shorter than
 *   three characters, the names that begin with @query; %NULL or "" lists everyone
 * @flags: whether to include archived clients
 *
 * Search as you type, from indexes only: a COUNT gives the length of the list, and the rows
 * are read 64 at a time as a view asks for them, so a list of 100,000 costs what the rows
 * on screen cost. The list is a snapshot: listen to #FasciaStore::changed and list again.
 *
 * Returns: (transfer full): a #GListModel of #FasciaClient sorted by name.
 */
GListModel *
fascia_store_list_clients (FasciaStore           *self,
                           const char            *query,
                           FasciaStoreListFlags   flags,
                           GError               **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_client_list_new (fascia_client_query_new (self, query, flags), error);
}

/**
 * fascia_store_find_client:
 * @clients: a list from fascia_store_list_clients()
 * @client_id: a client
 *
 * Finds a client in a list without reading the rows before it.
 *
 * Returns: the position of the client in @clients, or %G_MAXUINT if it is not there.
 */
guint
fascia_store_find_client (FasciaStore *self,
                          GListModel  *clients,
                          gint64       client_id)
{
  g_autoptr(FasciaClient) client = NULL;
  FasciaClientQuery *query;
  guint position;

  g_return_val_if_fail (FASCIA_IS_STORE (self), G_MAXUINT);
  g_return_val_if_fail (FASCIA_IS_PAGED_LIST (clients), G_MAXUINT);
  g_return_val_if_fail (g_list_model_get_item_type (clients) == FASCIA_TYPE_CLIENT, G_MAXUINT);

  query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (clients));
  if (client_id <= 0 || !fascia_client_query_position (query, client_id, &position, NULL))
    return G_MAXUINT;

  /* A list still counted only so far: a client it finds past that count is reached (its
   * position is exact), so that it can be chosen before the count in the background is
   * done. */
  if (position >= g_list_model_get_n_items (clients)
      && fascia_paged_list_get_growing (FASCIA_PAGED_LIST (clients)))
    {
      gboolean has = FALSE;

      if (fascia_client_query_has (query, client_id, &has, NULL) && has)
        fascia_paged_list_reach (FASCIA_PAGED_LIST (clients), position + 1);
    }
  if (position >= g_list_model_get_n_items (clients))
    return G_MAXUINT;

  client = g_list_model_get_item (clients, position);
  return fascia_client_get_id (client) == client_id ? position : G_MAXUINT;
}

/*
 * fascia_store_finish_clients:
 * @clients: a list of fascia_store_list_clients()
 *
 * A list of FASCIA_STORE_LIST_GROWING may come with no rows, growing, while a worker reads
 * what the search found (its length is then known once "growing" is %FALSE). This has them
 * now, waiting for the worker: for what must be answered at once.
 */
void
fascia_store_finish_clients (FasciaStore *self,
                             GListModel  *clients)
{
  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (FASCIA_IS_PAGED_LIST (clients));

  fascia_client_list_finish (clients);
}
