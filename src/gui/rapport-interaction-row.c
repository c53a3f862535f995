/* rapport-interaction-row.c
 *
 * Copyright 2026 The Rapport authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation, either version 3 of the
 * License, or (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
 * even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
 * General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-interaction-row.h"

/* More names than this read as "and N others". */
#define MAX_NAMES 3
/* How many lines of the note a row shows, and far more than it shows of one line. */
#define PREVIEW_LINES 2
#define MAX_PREVIEW_CHARS 200

struct _RapportInteractionRow
{
  GtkWidget           parent_instance;

  RapportStore       *store;
  RapportInteraction *interaction;
  GPtrArray          *watched;     /* the colleagues and assignment the row names */
  int                 shown_kind;  /* what the icon shows, -1 = nothing yet */

  GtkImage           *kind_image;
  GtkLabel           *title_label;
  GtkLabel           *time_label;
  GtkLabel           *assignment_label;
  GtkLabel           *note_label;
};

G_DEFINE_FINAL_TYPE (RapportInteractionRow, rapport_interaction_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INTERACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (RapportInteractionRow *self);

static void
watched_notify_cb (RapportInteractionRow *self)
{
  update (self);
}

static void
unwatch (RapportInteractionRow *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          watched_notify_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch (RapportInteractionRow *self,
       GObject               *object,
       const char            *signal)
{
  g_ptr_array_add (self->watched, g_object_ref (object));
  g_signal_connect_object (object, signal, G_CALLBACK (watched_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The first lines of the note that have text, each on a line of its own, and always as many
 * lines, empty ones if need be (see update ()). Longer lines are cut: the row ellipsizes them
 * far sooner, and the whole of a long paragraph would be shaped on every bind. */
static char *
dup_note_preview (const char *body)
{
  g_autoptr(GString) preview = g_string_new (NULL);
  const char *line = body;
  guint n = 0;

  while (line != NULL && *line != '\0' && n < PREVIEW_LINES)
    {
      const char *end = strchr (line, '\n');
      g_autofree char *text = end != NULL ? g_strndup (line, end - line) : g_strdup (line);
      const char *cut = text;

      line = end != NULL ? end + 1 : NULL;

      g_strstrip (text);
      if (*text == '\0')
        continue;

      for (guint i = 0; i < MAX_PREVIEW_CHARS && *cut != '\0'; i++)
        cut = g_utf8_next_char (cut);

      if (n > 0)
        g_string_append_c (preview, '\n');
      g_string_append_len (preview, text, cut - text);
      if (*cut != '\0')
        g_string_append (preview, "…");
      n++;
    }

  for (; n < PREVIEW_LINES; n++)
    {
      if (n > 0)
        g_string_append_c (preview, '\n');
    }

  return g_string_free (g_steal_pointer (&preview), FALSE);
}

static void
update (RapportInteractionRow *self)
{
  RapportInteraction *interaction = self->interaction;
  g_autofree char *title = NULL;
  g_autofree char *time = NULL;
  g_autofree char *assignment_title = NULL;
  g_autofree char *note = NULL;
  RapportInteractionKind kind;

  if (self->title_label == NULL)
    return;

  unwatch (self);

  /* Every row is as tall as every other: the title, a line for the time and the assignment,
   * and the note's lines, with or without text. GTK 4.8 list views guess the height of the rows they have not
   * measured from the median of those they have; rows of several heights move that median as
   * the list scrolls, and with it where a hundred thousand unmeasured rows are, which makes the
   * view jump and bind all its rows again. */
  if (interaction == NULL)
    {
      note = dup_note_preview (NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->time_label, "");
      gtk_label_set_label (self->assignment_label, "");
      gtk_label_set_label (self->note_label, note);
      return;
    }

  /* Rows are bound again and again while the list scrolls: leave what did not change alone. */
  kind = rapport_interaction_get_kind (interaction);
  if ((int) kind != self->shown_kind)
    {
      self->shown_kind = kind;
      gtk_image_set_from_icon_name (self->kind_image, rapport_interaction_kind_to_icon_name (kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rapport_interaction_kind_to_label (kind),
                                      -1);
    }

  title = rapport_interaction_row_dup_title (self->store, interaction);
  gtk_label_set_label (self->title_label, title);

  {
    g_autoptr(GDateTime) local =
      g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));

    /* Translators: the time of day of a journal entry, see strftime(3), e.g. "14:30" */
    time = local != NULL ? g_date_time_format (local, _("%H:%M")) : g_strdup ("");
    gtk_label_set_label (self->time_label, time);
  }

  if (self->store != NULL && rapport_interaction_get_assignment_id (interaction) != 0)
    {
      RapportAssignment *assignment =
        rapport_store_find_assignment (self->store,
                                       rapport_interaction_get_assignment_id (interaction));

      if (assignment != NULL)
        {
          assignment_title = rapport_assignment_dup_title (assignment);
          watch (self, G_OBJECT (assignment), "notify");
        }
    }
  gtk_label_set_label (self->assignment_label, assignment_title != NULL ? assignment_title : "");

  note = dup_note_preview (rapport_interaction_get_body (interaction));
  gtk_label_set_label (self->note_label, note);

  /* Renames show at once: the row follows the colleagues it names. */
  if (self->store != NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

      for (guint i = 0; i < n_ids && i < MAX_NAMES; i++)
        {
          RapportColleague *colleague = rapport_store_find_colleague (self->store, ids[i]);

          if (colleague != NULL)
            watch (self, G_OBJECT (colleague), "notify::name");
        }
    }
}

static void
interaction_notify_cb (RapportInteractionRow *self)
{
  update (self);
}

static void
edit_clicked_cb (RapportInteractionRow *self)
{
  if (self->interaction != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "journal.edit-interaction", "x",
                                rapport_interaction_get_id (self->interaction));
}

static void
delete_clicked_cb (RapportInteractionRow *self)
{
  if (self->interaction != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "journal.delete-interaction", "x",
                                rapport_interaction_get_id (self->interaction));
}

static void
rapport_interaction_row_dispose (GObject *object)
{
  RapportInteractionRow *self = RAPPORT_INTERACTION_ROW (object);
  GtkWidget *child;

  rapport_interaction_row_set_interaction (self, NULL);
  if (self->watched != NULL)
    unwatch (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_INTERACTION_ROW);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_interaction_row_parent_class)->dispose (object);
}

static void
rapport_interaction_row_finalize (GObject *object)
{
  RapportInteractionRow *self = RAPPORT_INTERACTION_ROW (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_interaction_row_parent_class)->finalize (object);
}

static void
rapport_interaction_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportInteractionRow *self = RAPPORT_INTERACTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_INTERACTION:
      g_value_set_object (value, self->interaction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportInteractionRow *self = RAPPORT_INTERACTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_interaction_row_set_store (self, g_value_get_object (value));
      break;

    case PROP_INTERACTION:
      rapport_interaction_row_set_interaction (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_row_class_init (RapportInteractionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_interaction_row_dispose;
  object_class->finalize = rapport_interaction_row_finalize;
  object_class->get_property = rapport_interaction_row_get_property;
  object_class->set_property = rapport_interaction_row_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL,
                         RAPPORT_TYPE_INTERACTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-interaction-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, assignment_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, note_label);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_interaction_row_init (RapportInteractionRow *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown_kind = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rapport_interaction_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_INTERACTION_ROW, NULL);
}

RapportStore *
rapport_interaction_row_get_store (RapportInteractionRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_ROW (self), NULL);

  return self->store;
}

void
rapport_interaction_row_set_store (RapportInteractionRow *self,
                                   RapportStore          *store)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_ROW (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

RapportInteraction *
rapport_interaction_row_get_interaction (RapportInteractionRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_ROW (self), NULL);

  return self->interaction;
}

void
rapport_interaction_row_set_interaction (RapportInteractionRow *self,
                                         RapportInteraction    *interaction)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_ROW (self));
  g_return_if_fail (interaction == NULL || RAPPORT_IS_INTERACTION (interaction));

  if (self->interaction == interaction)
    return;

  if (self->interaction != NULL)
    g_signal_handlers_disconnect_by_func (self->interaction, interaction_notify_cb, self);

  g_set_object (&self->interaction, interaction);

  if (interaction != NULL)
    g_signal_connect_object (interaction, "notify", G_CALLBACK (interaction_notify_cb), self,
                             G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION]);
}

char *
rapport_interaction_row_dup_title (RapportStore       *store,
                                   RapportInteraction *interaction)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  const char *kind_label;
  const gint64 *ids;
  guint n_ids = 0;
  guint n_known = 0;

  g_return_val_if_fail (store == NULL || RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), NULL);

  kind_label = rapport_interaction_kind_to_label (rapport_interaction_get_kind (interaction));
  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

  for (guint i = 0; store != NULL && i < n_ids; i++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (store, ids[i]);

      if (colleague == NULL)
        continue;
      if (names->len < MAX_NAMES)
        g_ptr_array_add (names, (gpointer) rapport_colleague_get_name (colleague));
      n_known++;
    }

  if (names->len == 0)
    return g_strdup (kind_label);

  g_ptr_array_add (names, NULL);
  /* Translators: the separator between colleagues' names in a journal entry */
  joined = g_strjoinv (_(", "), (char **) names->pdata);

  if (n_known > MAX_NAMES)
    {
      guint others = n_known - MAX_NAMES;
      g_autofree char *with_others =
        /* Translators: %s is a list of names, %u how many more there are */
        g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", others), joined, others);

      /* Translators: a journal entry's title, e.g. "Coffee with Ada, Ben" */
      return g_strdup_printf (_("%s with %s"), kind_label, with_others);
    }

  return g_strdup_printf (_("%s with %s"), kind_label, joined);
}
