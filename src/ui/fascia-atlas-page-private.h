/* fascia-atlas-page-private.h — shared by fascia-atlas-page.c and fascia-atlas-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-atlas-page.h"
#include "fascia-diagram-view.h"
#include "fascia-landmark-card.h"
#include "fascia-muscle-card.h"
#include "fascia-technique-card.h"

G_BEGIN_DECLS

struct _FasciaAtlasPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkWidget           *toolbar;
  FasciaDiagramView   *diagram_view;
  AdwFlap             *flap;
  GtkWidget           *back_button;
  GtkLabel            *pane_title;
  GtkScrolledWindow   *card_scroller;
  GtkStack            *card_stack;
  FasciaMuscleCard    *muscle_card;       /* the one shown (the two trade places) */
  FasciaMuscleCard    *muscle_card_ahead; /* the one made ahead, hidden */
  FasciaTechniqueCard *technique_card;
  FasciaLandmarkCard  *landmark_card;
  GtkLabel            *pain_summary;
  GtkListBox          *pain_list;
  GtkLabel            *search_summary;
  GtkListBox          *search_list;
  GtkWidget           *plan_bar;
  GtkLabel            *plan_label;

  /* Owned */
  FasciaAtlas         *atlas;
  GHashTable          *diagrams;      /* view id → FasciaDiagram */
  GHashTable          *unloadable;    /* view ids whose drawing failed to load ahead */
  GCancellable        *load_cancellable;  /* the drawing being loaded ahead */
  guint                load_id;       /* the next one, once idle */
  char                *view_id;
  char                *card;          /* "muscle:psoas-major", or NULL for none */
  GPtrArray           *history;       /* earlier cards, most recent last */
  char                *ahead_muscle;  /* the muscle whose card is to be built ahead */
  guint                ahead_id;      /* building it, at low priority */
  guint                n_card_builds; /* muscle cards built, for tests and benchmarks */
  guint                light_views_id;  /* the card's overlays in the other views, ahead */
  gulong               light_views_paint_id;  /* waiting for the card's frame first */
  FasciaDiagram       *lighting;      /* the diagram light_regions() walks, if not the shown */
  FasciaStore         *store;         /* the window's client database, for the plan */
  FasciaPlan          *plan;          /* the client's plan open in the Clients page */
  FasciaClient        *client;        /* whose plan it is, for the intake warnings */
  GListModel          *targets;       /* of FasciaPlanTarget */

  gboolean             show_labels;
  gboolean             show_bones;
  gboolean             show_muscles;
  gboolean             show_trigger_points;
  gboolean             show_nerves;
  gboolean             referral_mode;
  gboolean             show_referral;
  gboolean             presentation;
  gboolean             card_before_presentation;  /* the card pane's state, to restore */
  gboolean             hide_names;    /* the privacy switch: the plan bar gives initials */

  /* The window's focus and the one before it (weak), for the tool bar's swap */
  GtkWidget           *focus_now;
  GtkWidget           *focus_before;
  gboolean             following_focus;
};

enum {
  PROP_0,
  PROP_VIEW,
  PROP_CARD,
  PROP_SHOW_LABELS,
  PROP_SHOW_BONES,
  PROP_SHOW_MUSCLES,
  PROP_SHOW_TRIGGER_POINTS,
  PROP_SHOW_NERVES,
  PROP_REFERRAL_MODE,
  PROP_SHOW_REFERRAL,
  PROP_PRESENTATION,
  N_PROPS
};

extern GParamSpec *fascia_atlas_page_properties[N_PROPS];

void     fascia_atlas_page_class_init_actions (GtkWidgetClass  *widget_class);
void     fascia_atlas_page_update_actions     (FasciaAtlasPage *self);
void     fascia_atlas_page_back               (FasciaAtlasPage *self);
void     fascia_atlas_page_apply_layers       (FasciaAtlasPage *self);
void     fascia_atlas_page_apply_styles       (FasciaAtlasPage *self);
void     fascia_atlas_page_set_referral_mode  (FasciaAtlasPage *self,
                                               gboolean         referral_mode);
void     fascia_atlas_page_apply_plan         (FasciaAtlasPage *self);
void     fascia_atlas_page_clear_plan         (FasciaAtlasPage *self);
void     fascia_atlas_page_update_plan_offer  (FasciaAtlasPage *self);

G_END_DECLS
