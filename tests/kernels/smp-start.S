/*
 * smp-start.S - what smp.c cannot say in C: the boot CPU's entry, the
 * real-mode trampoline the other CPUs start in, the GDT both use, and
 * the interrupt stubs.
 */
#define CODE_SEL 0x08
#define DATA_SEL 0x10
#define CPUS_MAX 64		/* as smp.c's */
#define AP_STACK_SIZE 4096	/* as smp.c's */
#define BSP_STACK_SIZE 16384
#define LAPIC_ID 0x20

	.section .text.entry, "ax"
	.code32
	.globl _start
/*
 * The loader's GDT lies in its boot area, which the kernel may reuse:
 * take our own first.  EAX and EBX, the magic and the info, go to
 * kernel_main.
 */
_start:
	lgdt gdt_pointer
	ljmp $CODE_SEL, $1f
1:	mov $DATA_SEL, %cx
	mov %cx, %ds
	mov %cx, %es
	mov %cx, %fs
	mov %cx, %gs
	mov %cx, %ss
	mov $(bsp_stack + BSP_STACK_SIZE), %esp
	push %ebx
	push %eax
	call kernel_main
	.globl halt_forever
halt_forever:
	cli
	hlt
	jmp halt_forever

/*
 * Copied below 1 MiB, to a page a STARTUP IPI names: an AP starts
 * there in real mode, with CS the page's segment and IP 0, so the
 * trampoline's own data is reached relative to it.  It goes straight
 * on to protected mode and jumps up into the kernel, whose addresses
 * are absolute; it needs no stack until then.
 */
	.section .text, "ax"
	.code16
	.globl trampoline_start, trampoline_end
	.balign 16
trampoline_start:
	cli
	mov %cs, %ax
	mov %ax, %ds
	lgdtl trampoline_gdt - trampoline_start
	mov %cr0, %eax
	orb $1, %al
	mov %eax, %cr0
	ljmpl $CODE_SEL, $ap_entry
	.balign 4
trampoline_gdt:
	.word gdt_end - gdt - 1
	.long gdt
trampoline_end:

/*
 * A stack by local APIC ID, so that nothing need be shared to choose
 * it, and a STARTUP IPI that starts an AP twice cannot hand it
 * another's.
 */
	.code32
ap_entry:
	mov $DATA_SEL, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	mov lapic_base, %ebx
	mov LAPIC_ID(%ebx), %eax
	shr $24, %eax
	cmp $CPUS_MAX, %eax
	jae halt_forever
	lea 1(%eax), %ecx
	imul $AP_STACK_SIZE, %ecx, %ecx
	lea ap_stacks(%ecx), %esp
	push %eax
	call ap_main
	jmp halt_forever

/*
 * One stub a vector, 16 bytes apart (smp.c's IDT relies on it), each
 * pushing its vector for isr().  An exception's error code stays under
 * it: isr() never returns from an exception.
 */
	.balign 16
	.globl isr_stubs
isr_stubs:
	vector = 0
	.rept 256
	.balign 16
	push $vector
	jmp isr_common
	vector = vector + 1
	.endr

/*
 * KVM's instruction emulator, which runs all of this kernel on PVM (it
 * never turns paging on), has no protected-mode iret: the stubs return
 * by popf and ret instead, which they can because every interrupt here
 * comes from the one flat ring-0 code segment.  The frame, EIP, CS and
 * EFLAGS up from ESP, becomes EFLAGS and EIP.
 */
isr_common:
	pusha
	cld
	push 32(%esp)
	call isr
	add $4, %esp
	popa
	add $4, %esp
	push %eax
	mov 4(%esp), %eax
	xchg %eax, 12(%esp)
	mov %eax, 8(%esp)
	pop %eax
	lea 4(%esp), %esp
	popf
	ret

/* Flat 4 GiB code and data; accessed already, so never written. */
	.section .data
	.balign 8
gdt:
	.quad 0
	.quad 0x00cf9b000000ffff
	.quad 0x00cf93000000ffff
gdt_end:
gdt_pointer:
	.word gdt_end - gdt - 1
	.long gdt

	.section .bss
	.balign 16
bsp_stack:
	.skip BSP_STACK_SIZE

	.section .note.GNU-stack, "", @progbits
