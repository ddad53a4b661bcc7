/* parse.h - command-line values: memory sizes, addresses, ports */
#ifndef MINIVM_PARSE_H
#define MINIVM_PARSE_H

#include <stdint.h>

#include "boot/plan.h"

/* Real mode reaches 1 MiB; a load address must be a segment base in it. */
#define LOAD_ADDRESS_MAX 0xffff0u
/* Protected mode reaches 4 GiB. */
#define LOAD_ADDRESS_MAX_PROTECTED 0xffffffffu
#define PAGE_SIZE_4K 4096u

/*
 * Each parser returns NULL when TEXT is valid and stores the value, or
 * returns the reason it was refused (for "minivm: invalid ...: REASON")
 * and leaves the output alone.
 */
const char *parse_number(const char *text, uint64_t *value);
const char *parse_memory_size(const char *text, uint64_t *bytes);
/* A load address the CPU can start at in MODE. */
const char *parse_load_address(const char *text, enum cpu_mode mode,
			       uint64_t *address);
/* "real", "protected" or "long". */
const char *parse_mode(const char *text, enum cpu_mode *mode);
/* A port number from 0 to MAX. */
const char *parse_port(const char *text, uint16_t max, uint16_t *port);
/* Seconds with up to six decimals, as microseconds; 0 means no timeout. */
const char *parse_timeout(const char *text, uint64_t *microseconds);

#define TIMEOUT_MAX_SECONDS 2147483647u

#endif
