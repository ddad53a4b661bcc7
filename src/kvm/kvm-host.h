/* kvm-host.h - what the host's KVM can run */
#ifndef MINIVM_KVM_HOST_H
#define MINIVM_KVM_HOST_H

/*
 * NULL where /dev/kvm is KVM on the processor's virtualisation
 * extensions (VMX or SVM).  Where it is PVM, KVM without them (the
 * kvm_pvm module, as some cloud sandboxes provide), says so in words
 * for a message: there real mode runs through KVM's instruction
 * emulator, and only Linux kernels built as PVM guests boot.
 */
const char *kvm_host_without_hardware(void);

#endif
