-- Who last reset a handler's password or second factor, until the handler replaces it themselves:
-- one administrator may not replace both, which would let them log in as the handler.
ALTER TABLE handler_credentials ADD COLUMN password_reset_by VARCHAR(128);
ALTER TABLE handler_credentials ADD COLUMN second_factor_reset_by VARCHAR(128);
