/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_BANNED_H
#define OH_CORE_BANNED_H

/*
 * Functions that must not be used in osshealth (STYLE.md rule 25).  Include
 * this last in every .c file: a use becomes a compile error naming the
 * banned function.  Use snprintf/oh_buf, strtol/strtoull with end-pointer
 * checks, gmtime_r/localtime_r.  The product never runs a program.
 */

#define OH_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) OH_BANNED(strcpy)
#undef strcat
#define strcat(x, y) OH_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) OH_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) OH_BANNED(strncat)
#undef sprintf
#define sprintf(...) OH_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) OH_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) OH_BANNED(strtok)
#undef gets
#define gets(x) OH_BANNED(gets)
#undef atoi
#define atoi(x) OH_BANNED(atoi)
#undef atol
#define atol(x) OH_BANNED(atol)
#undef atof
#define atof(x) OH_BANNED(atof)
#undef gmtime
#define gmtime(x) OH_BANNED(gmtime)
#undef localtime
#define localtime(x) OH_BANNED(localtime)
#undef asctime
#define asctime(x) OH_BANNED(asctime)
#undef ctime
#define ctime(x) OH_BANNED(ctime)
#undef mktemp
#define mktemp(x) OH_BANNED(mktemp)
#undef system
#define system(x) OH_BANNED(system)
#undef popen
#define popen(x, y) OH_BANNED(popen)
#undef execv
#define execv(...) OH_BANNED(execv)
#undef execvp
#define execvp(...) OH_BANNED(execvp)
#undef execve
#define execve(...) OH_BANNED(execve)
#undef execl
#define execl(...) OH_BANNED(execl)
#undef execlp
#define execlp(...) OH_BANNED(execlp)

#endif /* OH_CORE_BANNED_H */
