/* fascia-atlas-page-plan.c — the client's plan in the Atlas: its targets on the diagram, a bar
 * naming it, and "Add to Plan" on technique cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"

#include "fascia-atlas-page-private.h"
#include "fascia-ui-utils.h"

/* Presentation mode is shown to a client: it carries nothing of any client's record. */
static gboolean
plan_shown (FasciaAtlasPage *self)
{
  return self->plan != NULL && !self->presentation;
}

static void
style_targets (FasciaAtlasPage *self)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  guint n = self->targets != NULL && plan_shown (self) ? g_list_model_get_n_items (self->targets)
                                                        : 0;

  if (diagram == NULL)
    return;

  fascia_diagram_view_clear_region_styles (self->diagram_view, FASCIA_REGION_STYLE_TARGET);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);
      const char *muscle_id = fascia_plan_target_get_muscle_id (target);
      FasciaSide side = fascia_plan_target_get_side (target);
      FasciaSide sides[2] = { side, FASCIA_SIDE_NONE };

      if (side == FASCIA_SIDE_BOTH)
        {
          sides[0] = FASCIA_SIDE_LEFT;
          sides[1] = FASCIA_SIDE_RIGHT;
        }

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          g_autofree char *region_id = NULL;

          if (s > 0 && sides[s] == FASCIA_SIDE_NONE)
            break;
          region_id = fascia_ui_region_id_for (muscle_id, sides[s]);
          if (fascia_diagram_lookup_region (diagram, region_id) != NULL)
            fascia_diagram_view_add_region_style (self->diagram_view, region_id,
                                                  FASCIA_REGION_STYLE_TARGET);
        }
    }
  fascia_diagram_view_styles_changed (self->diagram_view);
}

static FasciaPlanTarget *
find_target (FasciaAtlasPage *self,
             const char      *muscle_id)
{
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);

      if (g_strcmp0 (fascia_plan_target_get_muscle_id (target), muscle_id) == 0)
        return target;  /* the model keeps it alive */
    }

  return NULL;
}

/* Which muscle "Add to Plan" adds the technique for: the muscle whose card led here, else
 * the first muscle it treats that is already a target, else the first muscle it treats. */
static const char *
offered_muscle (FasciaAtlasPage *self,
                FasciaTechnique *technique)
{
  const char * const *muscles = fascia_technique_get_muscles (technique);
  const char *previous = self->history->len > 0
                         ? g_ptr_array_index (self->history, self->history->len - 1) : NULL;

  if (previous != NULL && g_str_has_prefix (previous, "muscle:")
      && fascia_technique_treats (technique, previous + strlen ("muscle:")))
    return previous + strlen ("muscle:");

  for (guint i = 0; muscles != NULL && muscles[i] != NULL; i++)
    if (find_target (self, muscles[i]) != NULL)
      return muscles[i];

  return muscles != NULL ? muscles[0] : NULL;
}

/* What the technique card offers; called whenever the card or the plan changes. */
void
fascia_atlas_page_update_plan_offer (FasciaAtlasPage *self)
{
  FasciaTechnique *technique = fascia_technique_card_get_technique (self->technique_card);
  const char *muscle_id = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *warning = NULL;

  if (technique != NULL && plan_shown (self))
    muscle_id = offered_muscle (self, technique);

  if (muscle_id != NULL)
    {
      FasciaPlanTarget *target = find_target (self, muscle_id);
      FasciaSide side = target != NULL ? fascia_plan_target_get_side (target) : FASCIA_SIDE_NONE;
      g_autofree char *name = fascia_ui_muscle_name (muscle_id, side);
      g_autofree char *flags_warning = NULL;

      if (target != NULL)
        hint = g_strdup_printf (_("Goes to the plan's target: %s"), name);
      else
        hint = g_strdup_printf (_("Adds %s to the plan as a new target, both sides"), name);

      if (self->client != NULL)
        flags_warning = fascia_intake_check_technique (fascia_intake_client_conditions (self->client),
                                                       technique);
      if (flags_warning != NULL)
        warning = g_strdup_printf ("⚠ %s", flags_warning);
    }

  fascia_technique_card_set_plan (self->technique_card, !self->presentation, muscle_id, hint,
                                  warning);
}

static void
update_bar (FasciaAtlasPage *self)
{
  g_autofree char *text = NULL;

  if (plan_shown (self))
    {
      const char *title = fascia_plan_get_title (self->plan);
      g_autofree char *name = self->client != NULL
                              ? fascia_ui_client_name (self->client, self->hide_names) : NULL;

      if (title == NULL || *title == '\0')
        title = _("Untitled plan");
      /* Translators: the plan open in the Clients page, then its client's name */
      text = self->client != NULL
             ? g_strdup_printf (_("Plan: %s — %s"), title, name)
             : g_strdup_printf (_("Plan: %s"), title);
    }

  gtk_label_set_label (self->plan_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->plan_bar, text != NULL);
}

/**
 * fascia_atlas_page_set_hide_names:
 * @hide: whether a client may be looking at the screen
 *
 * The privacy switch: while on, the plan bar names the client by initials.
 */
void
fascia_atlas_page_set_hide_names (FasciaAtlasPage *self,
                                  gboolean         hide)
{
  g_return_if_fail (FASCIA_IS_ATLAS_PAGE (self));

  self->hide_names = !!hide;
  update_bar (self);
}

/**
 * fascia_atlas_page_apply_plan:
 *
 * Shows the plan as it is now: its targets on the diagram, its bar, the card's offer.
 */
void
fascia_atlas_page_apply_plan (FasciaAtlasPage *self)
{
  style_targets (self);
  update_bar (self);
  fascia_atlas_page_update_plan_offer (self);
}

/* Reads the plan, its client and its targets again from the store. */
static void
reload_plan (FasciaAtlasPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;

  g_clear_object (&self->targets);
  g_clear_object (&self->client);

  if (self->plan != NULL && self->store != NULL)
    {
      g_autoptr(FasciaPlan) fresh = NULL;

      plan_id = fascia_plan_get_id (self->plan);
      fresh = fascia_store_get_plan (self->store, plan_id, NULL);
      if (fresh != NULL)
        g_set_object (&self->plan, fresh);

      self->client = fascia_store_get_client (self->store, fascia_plan_get_client_id (self->plan),
                                              NULL);
      self->targets = fascia_store_list_plan_targets (self->store, plan_id, &error);
      if (self->targets == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the plan's targets"), error);
    }

  fascia_atlas_page_apply_plan (self);
}

static void
store_changed_cb (FasciaAtlasPage   *self,
                  FasciaStoreTable   table,
                  FasciaStoreChange  change,
                  gint64             id,
                  gint64             client_id,
                  FasciaStore       *store)
{
  /* Nothing can be read while the clinic server is away (a change then is one the store's
   * journal kept or forgot): the plan is read again when it is back. */
  if (self->plan == NULL || !fascia_store_is_connected (store))
    return;

  /* Targets picked on the Clients page, the plan's title, the client's intake flags. */
  if (table == FASCIA_STORE_TABLE_PLAN_TARGETS || table == FASCIA_STORE_TABLE_PLANS
      || table == FASCIA_STORE_TABLE_CLIENTS)
    reload_plan (self);
}

void
fascia_atlas_page_clear_plan (FasciaAtlasPage *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->client);
  g_clear_object (&self->targets);
}

/**
 * fascia_atlas_page_set_plan:
 * @store: (nullable): the client database
 * @plan: (nullable): the client's plan open in the Clients page
 *
 * While a plan is open the diagram outlines its targets and keeps them up to date, a bar names
 * the plan and its client, and technique cards offer "Add to Plan" with the client's intake
 * warnings. None of it shows in presentation mode.
 */
void
fascia_atlas_page_set_plan (FasciaAtlasPage *self,
                            FasciaStore     *store,
                            FasciaPlan      *plan)
{
  g_return_if_fail (FASCIA_IS_ATLAS_PAGE (self));
  g_return_if_fail (store == NULL || FASCIA_IS_STORE (store));
  g_return_if_fail (plan == NULL || FASCIA_IS_PLAN (plan));

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  if (store == NULL)
    plan = NULL;
  g_set_object (&self->plan, plan);
  reload_plan (self);
}

/**
 * fascia_atlas_page_get_plan_label:
 *
 * Returns: (nullable): what the plan bar says, or %NULL while it is hidden.
 */
const char *
fascia_atlas_page_get_plan_label (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), NULL);

  return gtk_widget_get_visible (self->plan_bar) ? gtk_label_get_label (self->plan_label) : NULL;
}
