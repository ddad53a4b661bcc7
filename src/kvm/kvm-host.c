/* kvm-host.c - what the host's KVM can run */
#include <config.h>

#include "kvm/kvm-host.h"

#include <unistd.h>

/* PVM has no capability of its own to ask KVM for; its module shows. */
#define PVM_MODULE "/sys/module/kvm_pvm"

const char *kvm_host_without_hardware(void)
{
	if (access(PVM_MODULE, F_OK) != 0)
		return NULL;
	return "PVM (the kvm_pvm module: KVM without hardware "
	       "virtualisation)";
}
