from alliance.roles import Role

FINANCE_READ = (Role.TREASURER, Role.SECRETARIAT)
FINANCE_WRITE = (Role.TREASURER,)
ANY_ROLE = Role.ALL
