/* test-qr-dialog.c
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

#define G_LOG_DOMAIN "rapport-test-qr-dialog"

#include "config.h"

#include <string.h>

#include "rapport-colleague-detail.h"
#include "rapport-qr-code.h"
#include "rapport-qr-dialog.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

#define NOTES_CANARY "CANARY-NOTES-3f9d"
#define INTERESTS_CANARY "CANARY-INTERESTS-81c2"
#define QUIET_ZONE 4

typedef struct
{
  char      *dir;
  GtkWindow *window;
} Fixture;

static RapportColleague *
make_colleague (void)
{
  RapportColleague *colleague = rapport_colleague_new ("José Müller");

  rapport_colleague_set_organization (colleague, "Hôpital Saint-Éloi");
  rapport_colleague_set_role (colleague, "Charge Nurse");
  rapport_colleague_set_phone (colleague, "+1 555 010 0199");
  rapport_colleague_set_email (colleague, "jose.muller@example.org");
  rapport_colleague_set_notes (colleague, "Private: " NOTES_CANARY);
  rapport_colleague_set_interests (colleague, INTERESTS_CANARY);
  rapport_colleague_set_birthday (colleague, "1980-04-17");

  return colleague;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("qr-dialog");
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_present (fixture->window);
  rapport_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  rapport_test_iterate ();
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
is_mapped (gpointer data)
{
  return data != NULL && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static RapportQrDialog *
open_dialog (Fixture          *fixture,
             RapportColleague *colleague)
{
  RapportQrDialog *dialog = rapport_qr_dialog_new (colleague, fixture->window);

  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_until (is_mapped, dialog, 5000));
  rapport_test_wait_ms (50);

  return dialog;
}

static void
close_dialog (RapportQrDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &dialog, 5000));
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  GtkWidget *label = rapport_test_find_widget (root, is_label, text);

  return label != NULL && gtk_widget_get_mapped (label);
}

/* The QR code's own widget: an image for assistive technology that is not a GtkImage (the
 * status page's icon is one). */
static gboolean
is_code_image (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_IMG &&
         !GTK_IS_IMAGE (widget) && !GTK_IS_PICTURE (widget);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* RGB rows of a texture (its alpha composited onto white, as a screen behind it would be). */
static guint8 *
texture_rgb (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *bgra = g_malloc ((gsize) width * height * 4);
  guint8 *rgb = g_malloc ((gsize) width * height * 3);

  gdk_texture_download (texture, bgra, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint8 alpha = bgra[i * 4 + 3];

      /* Premultiplied: colour plus the white that shows through. */
      rgb[i * 3 + 0] = bgra[i * 4 + 2] + (255 - alpha);
      rgb[i * 3 + 1] = bgra[i * 4 + 1] + (255 - alpha);
      rgb[i * 3 + 2] = bgra[i * 4 + 0] + (255 - alpha);
    }

  return rgb;
}

static char *
save_png (Fixture      *fixture,
          const char   *name,
          const guint8 *rgb,
          int           width,
          int           height)
{
  g_autoptr(GBytes) bytes = g_bytes_new (rgb, (gsize) width * height * 3);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8,
                                                          bytes, (gsize) width * 3);
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));

  return path;
}

/* What a phone would read: zbarimg, with -Sbinary so UTF-8 comes back as the bytes it was. */
static char *
decode (const char *path)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (zbarimg == NULL)
    return NULL;

  {
    const char *argv[] = { zbarimg, "--quiet", "--raw", "--nodbus", "-Sbinary", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("zbarimg failed on %s: %s", path, err != NULL ? err : "");
      return NULL;
    }

  return g_steal_pointer (&out);
}

static gboolean
have_zbarimg (void)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");

  if (zbarimg == NULL)
    g_test_skip ("zbarimg (zbar-tools) is not installed");

  return zbarimg != NULL;
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = make_colleague ();
  RapportQrDialog *dialog = open_dialog (fixture, colleague);
  const char *text = rapport_qr_dialog_get_text (dialog);
  g_autofree char *accessible_name = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Share Contact");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);

  g_assert_nonnull (text);
  if (text == NULL)
    return;

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_assert_nonnull (strstr (text, "FN:José Müller\r\n"));
  g_assert_nonnull (strstr (text, "+1 555 010 0199"));
  g_assert_nonnull (strstr (text, "jose.muller@example.org"));
  g_assert_nonnull (strstr (text, "ORG:Hôpital Saint-Éloi"));
  g_assert_nonnull (strstr (text, "TITLE:Charge Nurse"));

  /* Only what the dialog says it holds. */
  g_assert_null (strstr (text, NOTES_CANARY));
  g_assert_null (strstr (text, INTERESTS_CANARY));
  g_assert_null (strstr (text, "NOTE"));
  g_assert_null (strstr (text, "BDAY"));
  g_assert_null (strstr (text, "UID"));
  g_assert_null (strstr (text, "PHOTO"));

  g_assert_true (shows_label (GTK_WIDGET (dialog), "José Müller"));
  g_assert_true (shows_label (GTK_WIDGET (dialog),
                              "Name, organization, role, phone and email. Notes and the journal "
                              "are never included."));
  g_assert_true (shows_label (GTK_WIDGET (dialog),
                              "Anyone who scans this code gets these details."));
  g_assert_null (rapport_test_find_widget (GTK_WIDGET (dialog), is_label, NOTES_CANARY));
  g_assert_true (is_mapped (rapport_test_find_widget (GTK_WIDGET (dialog), is_code_image, NULL)));

  close_dialog (dialog);
}

static void
test_texture_decodes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = make_colleague ();
  RapportQrDialog *dialog = open_dialog (fixture, colleague);
  g_autoptr(GdkTexture) texture = rapport_qr_dialog_dup_texture (dialog);
  g_autoptr(RapportQrCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *texels = NULL;
  g_autofree guint8 *scaled = NULL;
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  const char *text = rapport_qr_dialog_get_text (dialog);
  const int factor = 8, border = 16;
  int side, width;
  guint size;

  g_assert_nonnull (texture);
  g_assert_nonnull (text);
  if (texture == NULL || text == NULL)
    return;

  /* One texel a module, quiet zone included, exactly the modules of the text's code. */
  code = rapport_qr_code_new (text, &error);
  g_assert_no_error (error);
  size = rapport_qr_code_get_size (code);
  side = gdk_texture_get_width (texture);
  g_assert_cmpint (side, ==, (int) size + 2 * QUIET_ZONE);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, side);
  texels = texture_rgb (texture);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        const guint8 *p = texels + ((gsize) y * side + x) * 3;
        gboolean in_code = x >= QUIET_ZONE && y >= QUIET_ZONE &&
                           x < side - QUIET_ZONE && y < side - QUIET_ZONE;
        gboolean dark = in_code && rapport_qr_code_get_module (code, x - QUIET_ZONE,
                                                               y - QUIET_ZONE);
        guint8 expected = dark ? 0x00 : 0xff;

        if (p[0] != expected || p[1] != expected || p[2] != expected)
          {
            g_test_fail_printf ("texel %d,%d is #%02x%02x%02x, not %s", x, y, p[0], p[1], p[2],
                                dark ? "black" : "white");
            goto out;
          }
      }

  /* Scaled up ×8 with a white border, as a screen would show it, then read back. */
  width = side * factor + 2 * border;
  scaled = g_malloc ((gsize) width * width * 3);
  memset (scaled, 0xff, (gsize) width * width * 3);
  for (int y = 0; y < side * factor; y++)
    for (int x = 0; x < side * factor; x++)
      memcpy (scaled + ((gsize) (y + border) * width + x + border) * 3,
              texels + ((gsize) (y / factor) * side + x / factor) * 3, 3);
  path = save_png (fixture, "texture.png", scaled, width, width);

  if (have_zbarimg ())
    {
      decoded = decode (path);
      g_assert_nonnull (decoded);
      /* Byte for byte: the accents survive and nothing is added. */
      g_assert_cmpstr (decoded, ==, text);
    }

out:
  close_dialog (dialog);
}

/* What the person sees: the code as the widget draws it, in dark mode, with nothing in between
 * black and white (no filtering blur), light modules still white, and a reader can scan it. */
static void
test_drawn_crisp_in_dark_mode (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = make_colleague ();
  RapportQrDialog *dialog;
  GtkWidget *image;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) rendered = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *rgb = NULL;
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  GskRenderer *renderer;
  int width, height, left = -1, top = -1, right = -1, bottom = -1;
  guint grey = 0, black = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dialog = open_dialog (fixture, colleague);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  image = rapport_test_find_widget (GTK_WIDGET (dialog), is_code_image, NULL);
  g_assert_nonnull (image);
  if (image == NULL)
    goto out;

  width = gtk_widget_get_width (image);
  height = gtk_widget_get_height (image);
  g_assert_cmpint (MIN (width, height), >=, 200);

  paintable = gtk_widget_paintable_new (image);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (image));
  rendered = gsk_renderer_render_texture (renderer, node,
                                          &GRAPHENE_RECT_INIT (0, 0, width, height));
  rgb = texture_rgb (rendered);

  /* The code's square: everything the widget drew that is not the (white-composited) nothing
   * around it is either pure black or pure white. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = rgb + ((gsize) y * width + x) * 3;

        if (p[0] == 0 && p[1] == 0 && p[2] == 0)
          {
            black++;
            left = left < 0 ? x : MIN (left, x);
            top = top < 0 ? y : top;
            right = MAX (right, x);
            bottom = MAX (bottom, y);
          }
        else if (p[0] != 255 || p[1] != 255 || p[2] != 255)
          {
            grey++;
          }
      }
  g_assert_cmpuint (grey, ==, 0);
  g_assert_cmpuint (black, >, 0);

  /* The dark modules span the symbol; the quiet zone around them is white on screen too. */
  g_assert_cmpint (right - left, ==, bottom - top);
  {
    g_autoptr(GdkTexture) code_texture = rapport_qr_dialog_dup_texture (dialog);
    int modules = gdk_texture_get_width (code_texture) - 2 * QUIET_ZONE;
    int module_pixels = (right - left + 1) / modules;

    g_assert_cmpint (module_pixels, >=, 2);
    g_assert_cmpint ((right - left + 1) % modules, ==, 0);
    g_assert_cmpint (left - QUIET_ZONE * module_pixels, >=, 0);
    g_assert_cmpint (top - QUIET_ZONE * module_pixels, >=, 0);
  }

  path = save_png (fixture, "drawn.png", rgb, width, height);
  if (have_zbarimg ())
    {
      decoded = decode (path);
      g_assert_cmpstr (decoded, ==, rapport_qr_dialog_get_text (dialog));
    }

out:
  close_dialog (dialog);
}

static void
test_too_long (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = rapport_colleague_new ("Ada Lovelace");
  g_autofree char *long_role = g_strnfill (2400, 'r');
  g_autoptr(GdkTexture) texture = NULL;
  RapportQrDialog *dialog;
  GtkWidget *status;

  rapport_colleague_set_role (colleague, long_role);
  dialog = open_dialog (fixture, colleague);
  texture = rapport_qr_dialog_dup_texture (dialog);

  g_assert_null (rapport_qr_dialog_get_text (dialog));
  g_assert_null (texture);

  status = rapport_test_find_by_type (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (is_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "Too Long for a QR Code");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "vCard"));
  g_assert_false (is_mapped (rapport_test_find_widget (GTK_WIDGET (dialog), is_code_image, NULL)));
  g_assert_null (rapport_test_find_widget (GTK_WIDGET (dialog), is_label, long_role));

  close_dialog (dialog);
}

static gboolean
closes_on_escape (GtkWidget *widget)
{
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         "window.close") == 0)
            return gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 NULL);
        }
    }

  return FALSE;
}

static void
test_close (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = make_colleague ();
  RapportQrDialog *dialog = open_dialog (fixture, colleague);
  GtkWidget *close_button;

  /* A labelled button: its label is its accessible name. */
  close_button = rapport_test_find_button (GTK_WIDGET (dialog), "Close");
  g_assert_nonnull (close_button);
  g_assert_true (is_mapped (close_button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  if (close_button != NULL)
    g_signal_emit_by_name (close_button, "clicked");
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &dialog, 5000));
  if (dialog != NULL)
    close_dialog (dialog);

  dialog = open_dialog (fixture, colleague);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (closes_on_escape (GTK_WIDGET (dialog)));
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &dialog, 5000));
  if (dialog != NULL)
    close_dialog (dialog);
}

static RapportQrDialog *
find_qr_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (RAPPORT_IS_QR_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return RAPPORT_QR_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_qr_dialog (gpointer data)
{
  return find_qr_dialog () != NULL;
}

/* The colleague's page: an icon button named "Share as QR Code" (GTK 4.8 cannot read an
 * accessible label back; the template gives the tooltip the same string) opens the code for the
 * colleague shown. */
static void
test_detail_button (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(RapportColleague) colleague = make_colleague ();
  GtkWidget *detail = rapport_colleague_detail_new ();
  GtkWidget *button;
  RapportQrDialog *dialog;

  gtk_window_set_child (fixture->window, detail);
  rapport_colleague_detail_set_colleague (RAPPORT_COLLEAGUE_DETAIL (detail), colleague);
  rapport_test_wait_ms (50);

  button = rapport_test_find_widget (detail, has_tooltip, "Share as QR Code");
  g_assert_nonnull (button);
  if (button == NULL)
    return;
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "emblem-shared-symbolic");
  g_assert_true (rapport_test_find_icon ("/usr/share/icons/Adwaita", "emblem-shared-symbolic"));
  g_assert_true (is_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* The details around it are still there. */
  g_assert_nonnull (rapport_test_find_button (detail, "Edit"));
  g_assert_nonnull (rapport_test_find_button (detail, "Archive"));
  g_assert_nonnull (rapport_test_find_button (detail, "Delete"));
  g_assert_true (shows_label (detail, "José Müller"));

  g_assert_null (find_qr_dialog ());
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rapport_test_wait_until (has_qr_dialog, NULL, 5000));
  dialog = find_qr_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_nonnull (rapport_qr_dialog_get_text (dialog));
  g_assert_nonnull (strstr (rapport_qr_dialog_get_text (dialog), "FN:José Müller\r\n"));
  g_assert_true (rapport_test_wait_until (is_mapped, dialog, 5000));
  close_dialog (dialog);

  /* No colleague shown: nothing to share. */
  rapport_colleague_detail_set_colleague (RAPPORT_COLLEAGUE_DETAIL (detail), NULL);
  rapport_test_iterate ();
  g_assert_false (gtk_widget_is_sensitive (button));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(name, func) \
  g_test_add ("/rapport/qr-dialog/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("contents", test_contents);
  ADD ("texture-decodes", test_texture_decodes);
  ADD ("drawn-crisp-in-dark-mode", test_drawn_crisp_in_dark_mode);
  ADD ("too-long", test_too_long);
  ADD ("close", test_close);
  ADD ("detail-button", test_detail_button);

#undef ADD

  return g_test_run ();
}
