// The parts of ncursesw Swift needs. SwiftPM drops pkg-config's -D flags, so the wide
// character API is switched on here; macros and C globals, which Swift cannot use (or,
// in Swift 6 mode, read), get static inline accessors.
#ifndef MEMCHAT_CNCURSES_SHIM_H
#define MEMCHAT_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Glibc's Swift module hides wcwidth; ncurses sizes characters with it.
int wcwidth(wchar_t c);

static inline int memchat_wcwidth(wchar_t c) { return wcwidth(c); }

static inline WINDOW *memchat_stdscr(void) { return stdscr; }
static inline FILE *memchat_stdin(void) { return stdin; }
static inline FILE *memchat_stdout(void) { return stdout; }
static inline int memchat_lines(void) { return LINES; }
static inline int memchat_cols(void) { return COLS; }
static inline int memchat_colors(void) { return COLORS; }
static inline int memchat_color_pairs(void) { return COLOR_PAIRS; }
static inline int memchat_max_y(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)x; return y; }
static inline int memchat_max_x(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)y; return x; }

static inline attr_t memchat_a_normal(void) { return A_NORMAL; }
static inline attr_t memchat_a_bold(void) { return A_BOLD; }
static inline attr_t memchat_a_dim(void) { return A_DIM; }
static inline attr_t memchat_a_italic(void) { return A_ITALIC; }
static inline attr_t memchat_a_underline(void) { return A_UNDERLINE; }
static inline attr_t memchat_a_reverse(void) { return A_REVERSE; }
static inline attr_t memchat_color_pair(int pair) { return COLOR_PAIR(pair); }

static inline int memchat_key_f(int n) { return KEY_F(n); }

static inline mmask_t memchat_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t memchat_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t memchat_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
