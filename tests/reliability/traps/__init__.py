# @prelude
spring("__init__-py")
