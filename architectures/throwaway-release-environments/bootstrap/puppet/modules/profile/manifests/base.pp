# @summary Local logging and no Puppet daemon.
#
# rsyslog writes /var/log/messages and /var/log/secure, which live on the instance store,
# because journald keeps its journal in memory only. Nodes are configured once per boot by
# puppet apply, so the agent service stays off.
class profile::base {
  package { ['rsyslog', 'logrotate']:
    ensure => installed,
  }

  service { 'rsyslog':
    ensure  => running,
    enable  => true,
    require => Package['rsyslog'],
  }

  service { 'puppet':
    ensure => stopped,
    enable => false,
  }
}
