/* fascia-card-viewport.c — scrolls a column of wrapped text, like GtkViewport, but lays its
 * child out height-for-width only.
 *
 * GTK 4.8's GtkViewport measures its child's width for a given height on every allocation
 * (to set the horizontal adjustment), and a wrapping GtkLabel answers that with a binary
 * search over pango layouts, once per label and per box level on the way down. A muscle card
 * has ~80 wrapped labels: opening one cost ~12,000 pango layouts and over a second of CPU.
 * This viewport never scrolls sideways, so it asks the child for its width (once, for no
 * height) and then for its height at the width it gets: one layout per label.
 *
 * Like GtkViewport with scroll-to-focus, it brings a focused descendant into view.
 *
 * It also lays out, once, a hidden descendant as it would be shown (a card made ahead, in a
 * page of its GtkStack not shown): within its own allocation, in GTK's layout pass, at the
 * width of that descendant's parent (fascia_card_viewport_lay_out_ahead()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-card-viewport"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-card-viewport.h"

struct _FasciaCardViewport
{
  GtkWidget      parent_instance;

  /* Owned */
  GtkWidget     *child;
  GtkWidget     *ahead;             /* a hidden descendant to lay out once, or NULL */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;

  /* Borrowed */
  GtkRoot       *root;

  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;

  guint          shown;             /* counts the contents shown (see snapshot) */
};

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaCardViewport, fascia_card_viewport, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

GtkWidget *
fascia_card_viewport_new (void)
{
  return g_object_new (FASCIA_TYPE_CARD_VIEWPORT, NULL);
}

GtkWidget *
fascia_card_viewport_get_child (FasciaCardViewport *self)
{
  g_return_val_if_fail (FASCIA_IS_CARD_VIEWPORT (self), NULL);

  return self->child;
}

void
fascia_card_viewport_set_child (FasciaCardViewport *self,
                                GtkWidget          *child)
{
  g_return_if_fail (FASCIA_IS_CARD_VIEWPORT (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/* Adjustments */

static void
adjustment_value_changed_cb (FasciaCardViewport *self,
                             GtkAdjustment      *adjustment)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (FasciaCardViewport  *self,
                GtkAdjustment      **slot,
                GtkAdjustment       *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
configure (GtkAdjustment *adjustment,
           double         page,
           double         upper)
{
  upper = MAX (upper, page);
  gtk_adjustment_configure (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page),
                            0, upper, page * 0.1, page * 0.9, page);
}

/* Scroll to focus: what GtkViewport does, on the root's focus changes. */

static void
focus_changed_cb (FasciaCardViewport *self,
                  GParamSpec         *pspec,
                  GtkRoot            *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  graphene_rect_t bounds;
  double value, page, top, bottom;

  if (focus == NULL || self->child == NULL || !gtk_widget_is_ancestor (focus, self->child))
    return;

  /* The text inside an entry is the entry's business. */
  if (GTK_IS_TEXT (focus) && gtk_widget_get_parent (focus) != NULL)
    focus = gtk_widget_get_parent (focus);

  /* Measured from the viewport, where the adjustment counts: the child's own origin lies
   * inside its top margin, and a control at a card's foot stayed that margin out of sight. */
  if (!gtk_widget_compute_bounds (focus, GTK_WIDGET (self), &bounds))
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  top = value + bounds.origin.y;
  bottom = top + bounds.size.height;

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (self->vadjustment, MIN (top, bottom - page));
}

/* The hidden descendant asked for, laid out as its parent will lay it out once it is shown:
 * a GtkStack gives the child it shows its own size, the width it was just given here, and
 * the child's height for that width. Its labels' Pango layouts are made at their widths, and
 * GTK keeps them, and the sizes measured, for the frame that shows it. */
static void
lay_out_ahead (FasciaCardViewport *self)
{
  g_autoptr(GtkWidget) ahead = g_steal_pointer (&self->ahead);
  GtkWidget *parent;
  int width, min = 0, min_height = 0, nat_height = 0;

  if (ahead == NULL || !gtk_widget_is_ancestor (ahead, self->child)
      || !gtk_widget_get_visible (ahead))
    return;

  parent = gtk_widget_get_parent (ahead);
  width = gtk_widget_get_width (parent);
  if (width <= 0)
    return;

  gtk_widget_measure (ahead, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  width = MAX (width, min);
  gtk_widget_measure (ahead, GTK_ORIENTATION_VERTICAL, width, &min_height, &nat_height,
                      NULL, NULL);
  gtk_widget_size_allocate (ahead, &(GtkAllocation) { 0, 0, width, MAX (min_height, nat_height) },
                            -1);
}

/**
 * fascia_card_viewport_lay_out_ahead:
 * @ahead: (nullable): a hidden descendant of the viewport's child, or %NULL to forget the
 *   one asked for
 *
 * Has the next allocation of the viewport lay @ahead out too, as it will be once shown (see
 * lay_out_ahead()), and asks for one.
 */
void
fascia_card_viewport_lay_out_ahead (FasciaCardViewport *self,
                                    GtkWidget          *ahead)
{
  g_return_if_fail (FASCIA_IS_CARD_VIEWPORT (self));
  g_return_if_fail (ahead == NULL || GTK_IS_WIDGET (ahead));

  g_set_object (&self->ahead, ahead);
  if (ahead != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * fascia_card_viewport_is_laying_out_ahead:
 *
 * Returns: whether a descendant asked to be laid out ahead waits for the next allocation
 */
gboolean
fascia_card_viewport_is_laying_out_ahead (FasciaCardViewport *self)
{
  g_return_val_if_fail (FASCIA_IS_CARD_VIEWPORT (self), FALSE);

  return self->ahead != NULL;
}

/* GtkWidget */

static GtkSizeRequestMode
fascia_card_viewport_get_request_mode (GtkWidget *widget)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child)
                             : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
fascia_card_viewport_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);

  /* A width for a height is never asked of the child: it is measured height-for-width. */
  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_measure (self->child, orientation,
                        orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                        minimum, natural, NULL, NULL);
}

static void
fascia_card_viewport_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);
  int min_width = 0, child_width, child_height = 0;
  double x, y;

  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    {
      configure (self->hadjustment, width, width);
      configure (self->vadjustment, height, height);
      return;
    }

  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  child_width = MAX (width, min_width);
  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, child_width,
                      &child_height, NULL, NULL, NULL);
  child_height = MAX (height, child_height);

  g_object_freeze_notify (G_OBJECT (self->hadjustment));
  g_object_freeze_notify (G_OBJECT (self->vadjustment));
  configure (self->hadjustment, width, child_width);
  configure (self->vadjustment, height, child_height);
  x = gtk_adjustment_get_value (self->hadjustment);
  y = gtk_adjustment_get_value (self->vadjustment);

  gtk_widget_size_allocate (self->child,
                            &(GtkAllocation) { -(int) x, -(int) y, child_width, child_height },
                            -1);
  g_object_thaw_notify (G_OBJECT (self->hadjustment));
  g_object_thaw_notify (G_OBJECT (self->vadjustment));

  lay_out_ahead (self);
}

static void
fascia_card_viewport_root (GtkWidget *widget)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);

  GTK_WIDGET_CLASS (fascia_card_viewport_parent_class)->root (widget);

  self->root = gtk_widget_get_root (widget);
  g_signal_connect_object (self->root, "notify::focus-widget", G_CALLBACK (focus_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
fascia_card_viewport_unroot (GtkWidget *widget)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, focus_changed_cb, self);
  self->root = NULL;

  GTK_WIDGET_CLASS (fascia_card_viewport_parent_class)->unroot (widget);
}

/* GObject */

static void
fascia_card_viewport_dispose (GObject *object)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (object);

  g_clear_object (&self->ahead);
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (fascia_card_viewport_parent_class)->dispose (object);
}

static void
fascia_card_viewport_finalize (GObject *object)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (object);

  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (fascia_card_viewport_parent_class)->finalize (object);
}

static void
fascia_card_viewport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_card_viewport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      fascia_card_viewport_set_child (self, g_value_get_object (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (GtkScrollablePolicy) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (GtkScrollablePolicy) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * fascia_card_viewport_show_new:
 *
 * Tells the viewport that its child now shows other content (another card): the next frame
 * repaints the viewport whole.
 */
void
fascia_card_viewport_show_new (FasciaCardViewport *self)
{
  g_return_if_fail (FASCIA_IS_CARD_VIEWPORT (self));

  self->shown++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GSK compares each frame with the last, node by node, to repaint only what changed: a new
 * card beside the last one is a rectangle for each of its lines, and beside the drawing's
 * (a click lights a muscle and shows its card) twice as many, the drawing's box cutting each
 * line's band in two. Beyond thirty rectangles GSK gives up, and repainted the whole
 * diagram and the pane. A new card is all new: its node is not compared with the last card's
 * but repainted whole, one rectangle. It is a clip to the viewport, and a rounded clip of
 * square corners for the next content, and so on in turn: nodes of two kinds, which GSK does
 * not look into. */
static void
fascia_card_viewport_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  FasciaCardViewport *self = FASCIA_CARD_VIEWPORT (widget);
  graphene_rect_t visible = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                gtk_widget_get_height (widget));
  GtkSnapshot *child_snapshot;
  g_autoptr(GskRenderNode) child = NULL;
  g_autoptr(GskRenderNode) clip = NULL;

  if (self->child == NULL)
    return;

  child_snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (widget, self->child, child_snapshot);
  child = gtk_snapshot_free_to_node (child_snapshot);
  if (child == NULL)
    return;

  if (self->shown % 2 == 0)
    clip = gsk_clip_node_new (child, &visible);
  else
    {
      GskRoundedRect rect;

      gsk_rounded_rect_init_from_rect (&rect, &visible, 0);
      clip = gsk_rounded_clip_node_new (child, &rect);
    }
  gtk_snapshot_append_node (snapshot, clip);
}

static void
fascia_card_viewport_class_init (FasciaCardViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fascia_card_viewport_dispose;
  object_class->finalize = fascia_card_viewport_finalize;
  object_class->get_property = fascia_card_viewport_get_property;
  object_class->set_property = fascia_card_viewport_set_property;

  widget_class->get_request_mode = fascia_card_viewport_get_request_mode;
  widget_class->measure = fascia_card_viewport_measure;
  widget_class->size_allocate = fascia_card_viewport_size_allocate;
  widget_class->snapshot = fascia_card_viewport_snapshot;
  widget_class->root = fascia_card_viewport_root;
  widget_class->unroot = fascia_card_viewport_unroot;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "viewport");
}

static void
fascia_card_viewport_init (FasciaCardViewport *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  /* A screen reader calls it a card, not "FasciaCardViewport". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Card"), -1);
}
