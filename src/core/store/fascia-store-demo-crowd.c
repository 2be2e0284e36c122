/* fascia-store-demo-crowd.c — a clinic-sized demo: thousands of made-up clients, and one with
 * hundreds of visits, for trying Fascia (and measuring it) at scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-store-private.h"

/* Names built from parts, so plainly invented; emails at example.org and phone numbers in
 * the 555-01xx range reserved for fiction. */
static const char *first_names[] = {
  "Abelard", "Bathsheba", "Cosmo", "Drusilla", "Eustace", "Fenella", "Gideon", "Henrietta",
  "Isidore", "Jemima", "Lysander", "Mehitabel", "Nettle", "Octavia", "Peregrine", "Quenby",
  "Roderick", "Seraphina", "Tobias", "Ursula", "Valentine", "Winifred", "Xanthe", "Yolanda",
  "Zebedee", "Zoë", "Søren", "Anaïs", "José", "Ingrid", "Oluwaseun", "Mei", "Priya", "Kenji",
};
static const char *name_starts[] = {
  "Thistle", "Bramble", "Puddle", "Quill", "Fumble", "Goose", "Marsh", "Pepper", "Button",
  "Crumble", "Dimple", "Frost", "Honey", "Kettle", "Lantern", "Mossy", "Nimble", "Oak",
  "Pickle", "Ribbon", "Saffron", "Tumble", "Umber", "Velvet", "Willow", "Ember", "Ginger",
};
static const char *name_ends[] = {
  "wood", "berry", "bottom", "feather", "wick", "field", "worth", "brook", "stone", "dale",
  "thorpe", "ridge", "well", "combe", "shaw", "more", "by", "ford", "hurst", "ley",
};

#define VISITS_OF_THE_REGULAR 500

static char *
crowd_name (guint i)
{
  return g_strdup_printf ("%s %s%s", first_names[i % G_N_ELEMENTS (first_names)],
                          name_starts[(i / 7) % G_N_ELEMENTS (name_starts)],
                          name_ends[(i / 13) % G_N_ELEMENTS (name_ends)]);
}

static gboolean
add_regular_visits (FasciaStore  *store,
                    gint64        client_id,
                    gint64        now,
                    GError      **error)
{
  static const char sql[] =
    "INSERT INTO visits (client_id, visited_at, subjective, assessment, pain_before, "
    "pain_after, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
  const gint64 week = G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC;

  for (guint v = 0; v < VISITS_OF_THE_REGULAR; v++)
    {
      g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (store, sql, error);
      int before = 3 + (int) ((v * 7) % 6);

      if (stmt == NULL)
        return FALSE;

      fascia_db_bind_int64 (stmt, 1, client_id);
      fascia_db_bind_int64 (stmt, 2, now - (gint64) (VISITS_OF_THE_REGULAR - v) * week);
      fascia_db_bind_text (stmt, 3, "Low back stiff after the week's work");
      fascia_db_bind_text (stmt, 4, "Quadratus lumborum tight on the right; eased with work");
      fascia_db_bind_int64 (stmt, 5, before);
      fascia_db_bind_int64 (stmt, 6, MAX (0, before - 2 - (int) (v % 2)));
      fascia_db_bind_int64 (stmt, 7, now);
      if (!fascia_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * fascia_store_add_demo_crowd:
 * @n_clients: how many clients to add
 *
 * Adds @n_clients made-up clients in one transaction, with prepared statements; the first of
 * them has VISITS_OF_THE_REGULAR weekly visits with pain scores.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_add_demo_crowd (FasciaStore  *store,
                             guint         n_clients,
                             GError      **error)
{
  gint64 now = fascia_store_now ();

  if (!fascia_store_begin (store, error) || !fascia_store_lock_bulk (store, error))
    return FALSE;

  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = crowd_name (i);
      g_autofree char *email = g_strdup_printf ("client%u@example.org", i + 1);
      g_autofree char *phone = g_strdup_printf ("(%03u) 555-01%02u", 200 + i % 800, i % 100);

      fascia_client_set_name (client, name);
      fascia_client_set_email (client, email);
      fascia_client_set_phone (client, phone);
      if (i % 41 == 0)
        fascia_client_set_health_flags (client, FASCIA_HEALTH_ANTICOAGULANTS);
      if (!fascia_store_insert_client (store, client, error))
        goto failed;

      if (i == 0 && !add_regular_visits (store, fascia_client_get_id (client), now, error))
        goto failed;
    }

  fascia_store_collapse_changes (store, FASCIA_STORE_TABLE_CLIENTS);
  return fascia_store_commit (store, error);

failed:
  fascia_store_rollback (store);
  return FALSE;
}
