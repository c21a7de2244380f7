#ifndef LEADQ_CNCURSESW_SHIM_H
#define LEADQ_CNCURSESW_SHIM_H

/* SwiftPM drops the -D flags `pkg-config ncursesw` prints, so enable the wide-character API
   here: without these, mvwaddnwstr, wget_wch, cchar_t and friends are not declared. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 refuses C globals (stdscr, LINES, COLS, COLORS, stdout) as shared mutable state and
   cannot see function-like macros (COLOR_PAIR, A_BOLD, getmaxyx, KEY_F), so they are reached
   through these wrappers. Call them from the one thread that owns curses. */

static inline WINDOW *leadq_stdscr(void) { return stdscr; }
static inline WINDOW *leadq_curscr(void) { return curscr; }
static inline FILE *leadq_stdout(void) { return stdout; }
static inline FILE *leadq_stdin(void) { return stdin; }
static inline int leadq_lines(void) { return LINES; }
static inline int leadq_cols(void) { return COLS; }
static inline int leadq_colors(void) { return COLORS; }
static inline int leadq_color_pairs(void) { return COLOR_PAIRS; }

static inline void leadq_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

static inline attr_t leadq_a_normal(void) { return A_NORMAL; }
static inline attr_t leadq_a_bold(void) { return A_BOLD; }
static inline attr_t leadq_a_underline(void) { return A_UNDERLINE; }
static inline attr_t leadq_a_reverse(void) { return A_REVERSE; }
static inline attr_t leadq_a_dim(void) { return A_DIM; }

/* wattr_set is a macro in some ncurses builds; this is always a function. */
static inline int leadq_wattr_set(WINDOW *win, attr_t attrs, short pair) {
    return wattr_set(win, attrs, pair, NULL);
}

/* The terminal's character set is UTF-8 (after setlocale(LC_ALL, "")). */
static inline int leadq_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* A terminfo string capability, or NULL if the terminal lacks it (tigetstr answers -1 for
   "not a string capability" and 0 for "absent"; both become NULL). */
static inline const char *leadq_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == (char *)-1) return NULL;
    return value;
}

static inline int leadq_key_f(int n) { return KEY_F(n); }

/* The mouse events the console uses: click, double click, the wheel (buttons 4 and 5). */
static inline mmask_t leadq_mouse_mask(void) {
    mmask_t m = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    m |= BUTTON5_PRESSED;
#endif
    return m;
}

/* 1 wheel up, 2 wheel down, 3 double click, 4 click, 0 something else; the cell in *x, *y. */
static inline int leadq_read_mouse(int *x, int *y) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return 0;
    *x = ev.x;
    *y = ev.y;
    if (ev.bstate & BUTTON4_PRESSED) return 1;
#ifdef BUTTON5_PRESSED
    if (ev.bstate & BUTTON5_PRESSED) return 2;
#endif
    if (ev.bstate & BUTTON1_DOUBLE_CLICKED) return 3;
    if (ev.bstate & BUTTON1_CLICKED) return 4;
    return 0;
}

/* Key codes wget_wch reports with KEY_CODE_YES. */
enum {
    LEADQ_KEY_CODE_YES = KEY_CODE_YES,
    LEADQ_KEY_DOWN = KEY_DOWN,
    LEADQ_KEY_UP = KEY_UP,
    LEADQ_KEY_LEFT = KEY_LEFT,
    LEADQ_KEY_RIGHT = KEY_RIGHT,
    LEADQ_KEY_HOME = KEY_HOME,
    LEADQ_KEY_END = KEY_END,
    LEADQ_KEY_BACKSPACE = KEY_BACKSPACE,
    LEADQ_KEY_DC = KEY_DC,
    LEADQ_KEY_IC = KEY_IC,
    LEADQ_KEY_NPAGE = KEY_NPAGE,
    LEADQ_KEY_PPAGE = KEY_PPAGE,
    LEADQ_KEY_ENTER = KEY_ENTER,
    LEADQ_KEY_BTAB = KEY_BTAB,
    LEADQ_KEY_RESIZE = KEY_RESIZE,
    LEADQ_KEY_MOUSE = KEY_MOUSE,
    LEADQ_KEY_F0 = KEY_F0,
    LEADQ_KEY_A1 = KEY_A1,
    LEADQ_KEY_A3 = KEY_A3,
    LEADQ_KEY_C1 = KEY_C1,
    LEADQ_KEY_C3 = KEY_C3,
    LEADQ_KEY_B2 = KEY_B2,
    LEADQ_KEY_BEG = KEY_BEG,
    LEADQ_KEY_FIND = KEY_FIND,
    LEADQ_KEY_SELECT = KEY_SELECT,
    LEADQ_CURSES_OK = OK,
    LEADQ_CURSES_ERR = ERR
};

#endif
