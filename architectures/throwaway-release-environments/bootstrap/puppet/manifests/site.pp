# Masterless entry point of throwaway-release-environments nodes.
#
# The boot script runs `puppet apply manifests/site.pp` with the node's role in the `oar_role`
# fact (the puppetRole parameter), then checks that role::<puppetRole> was in the catalog.
# Every node gets exactly one role; roles only include profiles.

# Commands in exec resources run with a fixed search path, never the caller's.
Exec {
  path => ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
}

node default {
  $role = $facts['oar_role']
  unless $role =~ String and $role =~ /\A[a-z][a-z0-9_]*\z/ {
    fail("The oar_role fact must name a role class such as java_web, got '${role}'")
  }
  include "role::${role}"
}
