from alliance.roles import Role

FINANCE_READ = (Role.TREASURER, Role.SECRETARIAT)
FINANCE_WRITE = (Role.TREASURER,)
ANY_ROLE = Role.ALL
# The finance lists show 50 rows a page (alliance.pagination.paginate).
PAGE_SIZE = 50
