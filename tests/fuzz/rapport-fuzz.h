/* rapport-fuzz.h
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

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* Every harness defines the libFuzzer entry point. A clang build with -Dfuzzing=true links it
 * against libFuzzer; every other build links it with fuzz-replay.c, which feeds it the corpus, so
 * the inputs that once found something are run by the ordinary test suite too.
 *
 * A harness returns 0 and frees everything it allocated: a leak is a finding. Invariants are
 * checked with g_assert*, which aborts in both builds. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

G_END_DECLS
