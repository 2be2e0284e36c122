/* fascia-client-list.h — the client search: which clients a query finds, a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-paged-list.h"
#include "fascia-store-private.h"

G_BEGIN_DECLS

/* Search terms a query is split into; more words are matched as one phrase in the last. */
#define FASCIA_CLIENT_QUERY_MAX_TERMS 4

/* The columns client_from_row reads, in the order of its enum. */
#define FASCIA_CLIENT_COLUMNS \
  "id, name, email, phone, date_of_birth, pregnancy, anticoagulants, osteoporosis, " \
  "recent_surgery, red_flags, health_notes, notes, archived, created_at, updated_at, " \
  "pregnancy_trimester, hip_replacement_anterior, hip_replacement_posterior, abdominal_hernia, " \
  "smoker, vascular_disease, cancer, stoma, endometriosis, revision, updated_by"

/* A growing list counts this many rows when it is made (two pages), and the rest in the
 * background: the count of a search that finds most clients costs what they number. */
#define FASCIA_CLIENT_LIST_BOUND 128

/* The shortest term the trigram index can answer. */
#define FASCIA_CLIENT_QUERY_MIN_INDEXED 3

typedef enum
{
  FASCIA_CLIENT_QUERY_ALL,     /* everyone */
  FASCIA_CLIENT_QUERY_PREFIX,  /* names that begin with the text: every term is short */
  FASCIA_CLIENT_QUERY_MATCH,   /* the trigram index, then the short terms on what it found */
} FasciaClientQueryKind;

/* How a MATCH query reads its rows in list order. */
typedef enum
{
  FASCIA_CLIENT_PLAN_AUTO,   /* chosen from how many clients the index finds */
  FASCIA_CLIENT_PLAN_INDEX,  /* the trigram index, then the clients it found, sorted */
  FASCIA_CLIENT_PLAN_WALK,   /* clients_by_name in its order, each row checked, up to LIMIT */
} FasciaClientPlan;

typedef struct
{
  FasciaStore           *store;
  /* What the user typed and the flags, to make the same query on another connection. */
  char                  *typed;
  FasciaStoreListFlags   flags;
  FasciaClientQueryKind  kind;
  gboolean               archived;
  /* PREFIX: the range [text, end) of sort_key. MATCH: the FTS5 expression of the long terms
   * and the short terms checked with instr(). */
  char                  *text;
  char                  *end;
  char                  *short_terms[FASCIA_CLIENT_QUERY_MAX_TERMS - 1];
  guint                  n_short_terms;
  /* MATCH: every term, long and short, for the walk, which checks them with instr(). */
  char                  *walk_terms[FASCIA_CLIENT_QUERY_MAX_TERMS];
  guint                  n_walk_terms;
  FasciaClientPlan       plan;
  /* GROWING: the length is counted up to FASCIA_CLIENT_LIST_BOUND rows, then on in steps. */
  gboolean               growing;
  /* MATCH on SQLite: the rowids the trigram index found, as a JSON array, when few. */
  char                  *ids;
  /* MATCH on PostgreSQL: the LIKE pattern of each long term, "%term%". */
  char                  *like[FASCIA_CLIENT_QUERY_MAX_TERMS];
  guint                  n_like;
  /* MATCH on SQLite: the entries of clients_by_name the plan's choice tried the walk on. */
  guint                  n_probed;
  /* MATCH on SQLite: every client the search finds, in list order, read once with the keys
   * the list is ordered and searched by (see keep_found()): the clients a search found, kept
   * on the store while nothing changes, of which a search that only narrows it is a part.
   * @rows points into @found; %NULL when the list is read by the plans above. */
  struct _FasciaClientsFound *found;
  GPtrArray             *rows;
  /* MATCH on SQLite: what the search finds is being read for keeping in a worker, and this
   * list reads its rows by the walk meanwhile (see KeepLater). */
  gboolean               kept_later;
  /* GROWING, MATCH on SQLite: the list waits for those the worker reads (see KeepLater),
   * with no rows until then; the state of the database its rowids were read in. */
  gboolean               waiting;
  gint64                 waiting_changes;
  gint64                 waiting_data_version;
  /* GROWING, MATCH on SQLite: the term finds more clients than are kept, bunched far along
   * the list order; the worker walks the name index to them for this list alone (see
   * walk_later()), which reads its rows by the ids it found. */
  struct _FasciaClientsKeeping *walk;
  /* MATCH on PostgreSQL: a short list's every row, read with the keys it keeps (see
   * keep_server()): the list comes whole with them. Taken by fascia_client_list_new(). */
  GPtrArray             *first_rows;
  /* MATCH on PostgreSQL: the count reads the stamp of changes to clients with it, in the
   * same statement (see choose_server_plan()); @count_stamped once it has, and whether this
   * connection's transaction had written nothing, which the stamp needs. */
  gboolean               stamp_with_count;
  gboolean               count_stamped;
  gint64                 count_stamp;
} FasciaClientQuery;

/* fascia-store-clients.c */
FasciaClientQuery *fascia_client_query_new      (FasciaStore           *store,
                                                 const char            *text,
                                                 FasciaStoreListFlags   flags);
FasciaClient      *fascia_store_client_from_row (FasciaStoreStmt       *stmt);
gboolean           fascia_client_query_finds    (FasciaClientQuery     *query,
                                                 FasciaClient          *client);
char              *fascia_store_client_search_key (FasciaClient        *client);

/* fascia-client-list.c */
void               fascia_client_query_free     (FasciaClientQuery     *query);
gboolean           fascia_client_query_count    (FasciaClientQuery     *query,
                                                 guint                 *n_clients,
                                                 GError               **error);
gboolean           fascia_client_query_has      (FasciaClientQuery     *query,
                                                 gint64                 client_id,
                                                 gboolean              *has,
                                                 GError               **error);
gboolean           fascia_client_query_position (FasciaClientQuery     *query,
                                                 gint64                 client_id,
                                                 guint                 *position,
                                                 GError               **error);
gboolean           fascia_client_query_count_all (FasciaClientQuery    *query,
                                                  GCancellable         *cancellable,
                                                  void                (*progress) (guint    n_found,
                                                                                   gpointer data),
                                                  gpointer              progress_data,
                                                  guint                *n_clients,
                                                  GError              **error);
GListModel        *fascia_client_list_new       (FasciaClientQuery     *query,
                                                 GError               **error);
void               fascia_client_list_wait_kept (FasciaStore           *store);
void               fascia_client_list_finish    (GListModel            *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaClientQuery, fascia_client_query_free)

G_END_DECLS
