/* elf.c - the loadable segments of a 32-bit x86 ELF executable */
#include <config.h>

#include "boot/elf.h"

#include <inttypes.h>
#include <string.h>

#include "boot/bytes.h"

/* The fields minivm reads, at their offsets in the file (ELF32). */
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define E_MACHINE 18
#define E_ENTRY 24
#define E_PHOFF 28
#define E_PHENTSIZE 42
#define E_PHNUM 44
#define EHDR_SIZE 52
#define EM_386 3

#define P_TYPE 0
#define P_OFFSET 4
#define P_VADDR 8
#define P_PADDR 12
#define P_FILESZ 16
#define P_MEMSZ 20
#define PHDR_SIZE 32
#define PT_LOAD 1

bool elf_is_elf(const uint8_t *data, size_t size)
{
	return size >= 4 && memcmp(data, "\177ELF", 4) == 0;
}

static int check_header(struct plan *plan, const uint8_t *data, size_t size)
{
	if (size < EHDR_SIZE)
		return plan_fail(plan, "image '%s': ELF header cut short: "
				 "the file has %zu bytes, the header %d",
				 plan->name, size, EHDR_SIZE);
	if (data[EI_CLASS] == ELFCLASS64)
		return plan_fail(plan, "image '%s' is a 64-bit ELF file: a "
				 "multiboot kernel must be ELF32 (or use the "
				 "header's load addresses, flag 16)",
				 plan->name);
	if (data[EI_CLASS] != ELFCLASS32 || data[EI_DATA] != ELFDATA2LSB ||
	    le16(data + E_MACHINE) != EM_386)
		return plan_fail(plan, "image '%s': ELF class %u, data %u, "
				 "machine %" PRIu32 "; a multiboot kernel must "
				 "be ELF32 little-endian for i386 (1, 1, 3)",
				 plan->name, data[EI_CLASS], data[EI_DATA],
				 le16(data + E_MACHINE));
	return 0;
}

static int check_program_headers(struct plan *plan, size_t size,
				 uint32_t phoff, uint32_t phnum,
				 uint32_t phentsize)
{
	if (phnum == 0)
		return plan_fail(plan, "image '%s': ELF file has no program "
				 "headers, so nothing to load", plan->name);
	if (phentsize < PHDR_SIZE)
		return plan_fail(plan, "image '%s': ELF program headers of "
				 "%" PRIu32 " bytes; at least %d expected",
				 plan->name, phentsize, PHDR_SIZE);
	if (phoff > size || (uint64_t)phnum * phentsize > size - phoff)
		return plan_fail(plan, "image '%s': ELF program headers at "
				 "0x%" PRIx32 " (%" PRIu32 " of %" PRIu32
				 " bytes) lie beyond the end of the file "
				 "(%zu bytes)", plan->name, phoff, phnum,
				 phentsize, size);
	return 0;
}

/* One PT_LOAD header: its bytes from the file, then its bss. */
static int load_segment(struct plan *plan, const uint8_t *data, size_t size,
			const uint8_t *ph, unsigned n)
{
	uint32_t offset = le32(ph + P_OFFSET), paddr = le32(ph + P_PADDR);
	uint32_t filesz = le32(ph + P_FILESZ), memsz = le32(ph + P_MEMSZ);

	if (filesz > memsz)
		return plan_fail(plan, "image '%s': ELF segment %u has more "
				 "bytes in the file (0x%" PRIx32 ") than in "
				 "memory (0x%" PRIx32 ")", plan->name, n,
				 filesz, memsz);
	if (offset > size || filesz > size - offset)
		return plan_fail(plan, "image '%s': ELF segment %u (file "
				 "offset 0x%" PRIx32 ", 0x%" PRIx32 " bytes) "
				 "lies beyond the end of the file (%zu "
				 "bytes)", plan->name, n, offset, filesz, size);
	if ((uint64_t)paddr + memsz > (1ull << 32))
		return plan_fail(plan, "image '%s': ELF segment %u at "
				 "0x%" PRIx32 " (0x%" PRIx32 " bytes) ends "
				 "beyond 4 GiB", plan->name, n, paddr, memsz);
	if (plan_add(plan, paddr, data + offset, filesz, false,
		     "ELF segment %u", n) < 0)
		return -1;
	return plan_add(plan, paddr + filesz, NULL, memsz - filesz, false,
			"ELF segment %u", n);
}

/*
 * A kernel linked to run at high virtual addresses names its entry
 * point by one: it is entered at the physical address that maps to.
 */
static bool entry_in_segment(const uint8_t *ph, uint32_t entry,
			     uint32_t *physical)
{
	uint32_t vaddr = le32(ph + P_VADDR), memsz = le32(ph + P_MEMSZ);

	if (le32(ph + P_TYPE) != PT_LOAD || entry < vaddr ||
	    entry - vaddr >= memsz)
		return false;
	*physical = le32(ph + P_PADDR) + (entry - vaddr);
	return true;
}

int elf32_load(struct plan *plan, const uint8_t *data, size_t size,
	       uint32_t *entry)
{
	uint32_t phoff, phnum, phentsize, e_entry;
	bool found = false;

	if (check_header(plan, data, size) < 0)
		return -1;
	phoff = le32(data + E_PHOFF);
	phnum = le16(data + E_PHNUM);
	phentsize = le16(data + E_PHENTSIZE);
	e_entry = le32(data + E_ENTRY);
	if (check_program_headers(plan, size, phoff, phnum, phentsize) < 0)
		return -1;
	for (uint32_t i = 0; i < phnum; i++) {
		const uint8_t *ph = data + phoff + (size_t)i * phentsize;

		if (le32(ph + P_TYPE) == PT_LOAD &&
		    load_segment(plan, data, size, ph, i) < 0)
			return -1;
		if (!found)
			found = entry_in_segment(ph, e_entry, entry);
	}
	if (!found)
		return plan_fail(plan, "image '%s': ELF entry point 0x%" PRIx32
				 " lies in no loadable segment", plan->name,
				 e_entry);
	return 0;
}
